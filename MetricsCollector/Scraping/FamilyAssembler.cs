namespace MeshAspire.MetricsCollector.Scraping;

/// <summary>
/// Groups metadata and samples into families. 0.0.4, as Prometheus reads it: a sample with no TYPE before it
/// is untyped, and samples of a family written apart are gathered into it. OpenMetrics: a family's lines are
/// contiguous, metadata before samples.
/// </summary>
internal sealed class FamilyAssembler(ExpositionFormat format)
{
    private readonly List<FamilyBuilder> _families = [];
    private readonly Dictionary<string, FamilyBuilder> _byName = new(StringComparer.Ordinal);
    private FamilyBuilder? _current;

    private bool IsOpenMetrics => format == ExpositionFormat.OpenMetrics;

    /// <summary>Applies a HELP, TYPE or UNIT line; returns what was wrong with it, or null.</summary>
    public string? Describe(MetadataLine line)
    {
        var family = FamilyForMetadata(line.MetricName, out var error);
        if (family is null)
        {
            return error;
        }

        switch (line.Kind)
        {
            case MetadataKind.Help when family.Help is not null:
                return $"unexpected second HELP line for '{family.Name}'";
            case MetadataKind.Help:
                family.Help = line.Text;
                return null;
            case MetadataKind.Unit when family.Unit is not null:
                return $"unexpected second UNIT line for '{family.Name}'";
            case MetadataKind.Unit when line.Text.Length > 0 && !family.Name.EndsWith("_" + line.Text, StringComparison.Ordinal):
                return $"expected the name of a family with unit '{line.Text}' to end in '_{line.Text}', not '{family.Name}'";
            case MetadataKind.Unit:
                family.Unit = line.Text;
                return null;
            case MetadataKind.Type when family.TypeDeclared:
                return $"unexpected second TYPE line for '{family.Name}'";
            case MetadataKind.Type when family.Samples.Count > 0:
                return $"unexpected TYPE for '{family.Name}' after its samples: it stays {Keyword(family.Type)}";
            default:
                var type = MetricTypeNames.Parse(line.Text, format);
                if (type is null)
                {
                    return $"expected a TYPE of {MetricTypeNames.Allowed(format)} for '{family.Name}', not '{line.Text}'";
                }

                family.Type = type.Value;
                family.TypeDeclared = true;
                return null;
        }
    }

    /// <summary>Adds a sample to its family; returns what was wrong with it, or null.</summary>
    public string? Add(MetricSample sample)
    {
        var family = FamilyForSample(sample.Name, out var error);
        if (family is null)
        {
            return error;
        }

        if (sample.Exemplar is not null && !CanCarryExemplar(family, sample.Name))
        {
            return $"expected an exemplar only on a counter's _total or a histogram's _bucket, not on '{sample.Name}'";
        }

        family.Samples.Add(sample);
        return null;
    }

    public IReadOnlyList<MetricFamily> Families() =>
        _families.Select(family => new MetricFamily(family.Name, family.Type, family.Help, family.Unit, family.Samples.ToArray())).ToArray();

    private FamilyBuilder? FamilyForMetadata(string name, out string? error)
    {
        error = null;
        if (_current?.Name == name)
        {
            if (IsOpenMetrics && _current.Samples.Count > 0)
            {
                error = $"expected metadata for '{name}' before its samples, not after";
                return null;
            }

            return _current;
        }

        if (_byName.TryGetValue(name, out var known))
        {
            if (IsOpenMetrics)
            {
                error = $"expected the lines of family '{name}' together: it was already described above";
                return null;
            }

            _current = known;
            return known;
        }

        return Start(name);
    }

    private FamilyBuilder? FamilyForSample(string sampleName, out string? error)
    {
        error = null;
        if (_current is not null && FamilySampleNames.Belongs(sampleName, _current.Name, _current.Type, format))
        {
            return _current;
        }

        if (IsOpenMetrics && _current?.Name == sampleName)
        {
            error = $"expected a sample named {FamilySampleNames.Describe(_current.Name, _current.Type, format)} in {Keyword(_current.Type)} '{_current.Name}', not '{sampleName}'";
            return null;
        }

        var owner = FamilySampleNames.CandidateFamilyNames(sampleName)
            .Select(name => _byName.GetValueOrDefault(name))
            .FirstOrDefault(family => family is not null && FamilySampleNames.Belongs(sampleName, family.Name, family.Type, format));
        if (owner is not null && IsOpenMetrics)
        {
            error = $"expected the samples of family '{owner.Name}' together: '{sampleName}' comes after another family";
            return null;
        }

        if (owner is not null)
        {
            _current = owner;
            return owner;
        }

        if (_byName.ContainsKey(sampleName))
        {
            error = $"unexpected '{sampleName}' as a sample of family '{sampleName}', whose type does not allow it";
            return null;
        }

        return Start(sampleName);
    }

    private FamilyBuilder Start(string name)
    {
        var family = new FamilyBuilder(name);
        _families.Add(family);
        _byName[name] = family;
        _current = family;
        return family;
    }

    private static bool CanCarryExemplar(FamilyBuilder family, string sampleName) => family.Type switch
    {
        MetricType.Counter => sampleName == family.Name + "_total",
        MetricType.Histogram or MetricType.GaugeHistogram => sampleName == family.Name + "_bucket",
        _ => false,
    };

    private string Keyword(MetricType type) => type switch
    {
        MetricType.Unknown => IsOpenMetrics ? "unknown" : "untyped",
        _ => type.ToString().ToLowerInvariant(),
    };

    private sealed class FamilyBuilder(string name)
    {
        public string Name { get; } = name;

        public MetricType Type { get; set; } = MetricType.Unknown;

        public bool TypeDeclared { get; set; }

        public string? Help { get; set; }

        public string? Unit { get; set; }

        public List<MetricSample> Samples { get; } = [];
    }
}
