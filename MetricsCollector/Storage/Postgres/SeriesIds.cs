namespace MeshAspire.MetricsCollector.Storage.Postgres;

/// <summary>
/// The ids of the series one store has written, per run, so each series' name and labels go to PostgreSQL once and
/// every sample after that is a series id and a value. Ids found while an append runs are kept only once it commits:
/// a rolled-back append leaves no id that names a row the database does not have. A second process writing the same
/// run writes its series again under new ids, which reads the same.
/// </summary>
internal sealed class SeriesIds
{
    private readonly Dictionary<string, Dictionary<SeriesKey, long>> _runs = new(StringComparer.Ordinal);

    public bool TryGet(string runId, SeriesKey series, out long id)
    {
        id = 0;
        return _runs.TryGetValue(runId, out var known) && known.TryGetValue(series, out id);
    }

    public void AddCommitted(string runId, IEnumerable<(SeriesKey Series, long Id)> committed)
    {
        if (!_runs.TryGetValue(runId, out var known))
        {
            _runs[runId] = known = [];
        }

        foreach (var (series, id) in committed)
        {
            known[series] = id;
        }
    }

    /// <summary>Forgets the run's ids: a run begun again may have lost its series (deleted by hand) meanwhile.</summary>
    public void Forget(string runId) => _runs.Remove(runId);
}
