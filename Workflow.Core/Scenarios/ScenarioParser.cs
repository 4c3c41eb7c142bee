namespace MeshAspire.Workflow.Scenarios;

/// <summary>
/// Reads a scenario file (the thesis's format, Java Properties-like): global keys, then <c>[trigger]</c>,
/// <c>[action]</c>... and <c>[conclusion]</c> sections. Reports every error it can find, each with file, line and key.
/// </summary>
public static class ScenarioParser
{
    /// <summary>Reads and parses the file at <paramref name="path"/>; an unreadable file is an error on line 0.</summary>
    public static ScenarioParseResult Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var hint = e is FileNotFoundException or DirectoryNotFoundException
                ? $"looked for '{SafeFullPath(path)}'"
                : null;
            return new ScenarioParseResult(null, [new ScenarioError(path, 0, null, $"cannot read the scenario file: {e.Message}", hint)]);
        }

        return ParseText(text, path);
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="fileLabel"/> names it in errors and becomes the source path.</summary>
    public static ScenarioParseResult ParseText(string text, string fileLabel)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileLabel);
        var errors = new ScenarioErrorSink(fileLabel);
        var (globals, sections) = Group(ScenarioLexer.Read(text, errors), errors);
        var settings = SettingsReader.Read(globals, errors);
        var components = sections.Select(s => ComponentReader.Read(s, errors)).ToList();
        var transport = ChainResolver.ChooseTransport(settings.ExplicitTransport, components.Select(c => c.Spec));

        IReadOnlyList<ComponentSpec>? chain = null;
        if (CheckStructure(components, errors))
        {
            chain = ChainResolver.Resolve(components, transport, errors);
        }

        CheckThesisPacing(settings.Settings.Pacing, components, errors);
        CheckReplyTopic(settings.Settings.ReplyTopic, globals, transport, components, errors);

        if (errors.HasErrors || chain is null)
        {
            return new ScenarioParseResult(null, errors.ToList());
        }

        var scenario = new Scenario
        {
            SourcePath = fileLabel,
            Settings = settings.Settings with { Transport = transport },
            Chain = chain,
        };
        return new ScenarioParseResult(scenario, []);
    }

    /// <summary>A reply topic needs an async transport and a topic of its own, apart from the chain's.</summary>
    private static void CheckReplyTopic(
        string? replyTopic, ScenarioScope globals, TransportKind transport, IReadOnlyList<ParsedComponent> components, ScenarioErrorSink errors)
    {
        if (replyTopic is null)
        {
            return;
        }

        var line = globals.LineOf(ScenarioKeys.ReplyTopic);
        if (transport.IsSynchronous())
        {
            errors.Add(
                line,
                ScenarioKeys.ReplyTopic,
                $"reply.topic needs an event-mesh transport, but this scenario runs on {transport.ToKey()}, whose hops already answer",
                "remove the line, or set transport to nats, jetstream, rabbitmq, kafka or eventmesh");
            return;
        }

        var taken = components.FirstOrDefault(c => c.Spec.TopicTo == replyTopic || c.Spec.TopicFrom == replyTopic);
        if (taken is not null)
        {
            errors.Add(
                line,
                ScenarioKeys.ReplyTopic,
                $"topic '{replyTopic}' already links the chain ({taken.Describe()}): replies need a topic of their own",
                "choose another name, e.g. WORKFLOW-REPLY");
        }
    }

    /// <summary>Sorts the lines into the global scope and one scope per section, checking where each key belongs.</summary>
    private static (ScenarioScope Globals, List<ScenarioScope> Sections) Group(IReadOnlyList<ScenarioLine> lines, ScenarioErrorSink errors)
    {
        var globals = new ScenarioScope(null, 0);
        var sections = new List<ScenarioScope>();
        ScenarioScope? current = null;
        foreach (var line in lines)
        {
            if (line.IsHeader)
            {
                current = new ScenarioScope(SectionRole(line, errors), line.Number);
                if (current.Role is not null)
                {
                    sections.Add(current);
                }

                continue;
            }

            if (ScenarioKeys.IsGlobal(line.Name))
            {
                if (current is null)
                {
                    globals.Add(line, errors);
                }
                else
                {
                    errors.Add(
                        line.Number,
                        line.Name,
                        $"'{line.Name}' is a global key: it belongs before the first section, not inside one",
                        "move it to the top of the file");
                }
            }
            else if (ScenarioKeys.IsSection(line.Name))
            {
                if (current is null)
                {
                    errors.Add(
                        line.Number,
                        line.Name,
                        $"'{line.Name}' is a section key: it belongs inside a [trigger], [action] or [conclusion] section",
                        "move it below the header of the component it describes");
                }
                else
                {
                    current.Add(line, errors);
                }
            }
            else
            {
                var preferred = current is null ? ScenarioKeys.GlobalKeys : ScenarioKeys.SectionKeys;
                var other = current is null ? ScenarioKeys.SectionKeys : ScenarioKeys.GlobalKeys;
                var nearest = ScenarioKeys.Nearest(line.Name, preferred) ?? ScenarioKeys.Nearest(line.Name, other);
                var expected = current is null
                    ? "before the first section are " + string.Join(", ", ScenarioKeys.GlobalKeys)
                    : "in a section are " + string.Join(", ", ScenarioKeys.SectionKeys);
                errors.Add(
                    line.Number,
                    line.Name,
                    $"unknown key: the keys known {expected}",
                    nearest is null ? null : $"did you mean '{nearest}'?");
            }
        }

        return (globals, sections);
    }

    private static ComponentRole? SectionRole(ScenarioLine header, ScenarioErrorSink errors)
    {
        switch (header.Name.ToLowerInvariant())
        {
            case "trigger":
                return ComponentRole.Trigger;
            case "action":
                return ComponentRole.Action;
            case "conclusion":
                return ComponentRole.Conclusion;
            default:
                var nearest = ScenarioKeys.Nearest(header.Name, ScenarioKeys.SectionNames);
                errors.Add(
                    header.Number,
                    null,
                    $"unknown section [{header.Name}]: expected [trigger], [action] or [conclusion]; its keys are ignored",
                    nearest is null ? null : $"did you mean [{nearest}]?");
                return null;
        }
    }

    /// <summary>One trigger, one conclusion, every component named, no name twice. True when the chain can be followed.</summary>
    private static bool CheckStructure(List<ParsedComponent> components, ScenarioErrorSink errors)
    {
        var ok = CheckOne(components, ComponentRole.Trigger, "the first component, which offers the load", errors);
        ok &= CheckOne(components, ComponentRole.Conclusion, "the last component, which records each message's end-to-end latency", errors);
        ok &= components.All(c => c.HasName);

        var firstByName = new Dictionary<string, ParsedComponent>(StringComparer.Ordinal);
        foreach (var component in components.Where(c => c.HasName))
        {
            if (firstByName.TryGetValue(component.Name, out var first))
            {
                errors.Add(
                    component.Scope.LineOf(ScenarioKeys.RootName),
                    ScenarioKeys.RootName,
                    $"'{component.Name}' is already the rootname of the [{ScenarioScope.RoleName(first.Role)}] section on line {first.Spec.Line} (rootname on line {first.Scope.LineOf(ScenarioKeys.RootName)}): each component needs its own name",
                    "rename one of them");
                ok = false;
            }
            else
            {
                firstByName.Add(component.Name, component);
            }
        }

        return ok;
    }

    private static bool CheckOne(List<ParsedComponent> components, ComponentRole role, string what, ScenarioErrorSink errors)
    {
        var name = ScenarioScope.RoleName(role);
        var found = components.Where(c => c.Role == role).ToList();
        if (found.Count == 0)
        {
            errors.Add(0, null, $"the scenario has no [{name}] section: it needs exactly one, {what}", $"add a [{name}] section with its rootname");
            return false;
        }

        foreach (var extra in found.Skip(1))
        {
            errors.Add(
                extra.Spec.Line,
                null,
                $"a second [{name}] section: the scenario needs exactly one, and the first is on line {found[0].Spec.Line}",
                role == ComponentRole.Trigger ? null : "use [action] for a component in the middle of the chain");
        }

        return found.Count == 1;
    }

    /// <summary>The thesis pacing waits whole milliseconds (1000/ops, integer division): it cannot go above 1000 msg/s.</summary>
    private static void CheckThesisPacing(PacingMode pacing, List<ParsedComponent> components, ScenarioErrorSink errors)
    {
        if (pacing != PacingMode.Thesis)
        {
            return;
        }

        foreach (var trigger in components.Where(c => c.Role == ComponentRole.Trigger))
        {
            foreach (var key in new[] { ScenarioKeys.OpsStart, ScenarioKeys.OpsEnd })
            {
                var rate = key == ScenarioKeys.OpsStart ? trigger.Spec.Operations?.Start : trigger.Spec.Operations?.End;
                if (trigger.Scope.Has(key) && !trigger.Scope.IsInvalid(key) && rate > 1000)
                {
                    errors.Add(
                        trigger.Scope.LineOf(key),
                        key,
                        $"{rate} msg/s is more than pacing=thesis can send: it waits whole milliseconds between sends (1000/ops with integer division), so at most 1000 msg/s",
                        "use pacing=linear, or at most 1000");
                }
            }
        }
    }

    private static string SafeFullPath(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }
}
