namespace MeshAspire.Workflow.Scenarios;

/// <summary>
/// Orders the components as a message visits them and checks the chain: by <c>communication.hostname.to</c> for
/// the synchronous transports, by the topics <c>communication.to</c>/<c>communication.from</c> for the others.
/// </summary>
internal static class ChainResolver
{
    /// <summary>
    /// The chain trigger, actions..., conclusion, or null when it is broken (every problem is reported).
    /// Expects exactly one trigger and one conclusion and every component with a distinct valid name.
    /// </summary>
    public static IReadOnlyList<ComponentSpec>? Resolve(
        IReadOnlyList<ParsedComponent> components,
        TransportKind transport,
        ScenarioErrorSink errors)
    {
        var links = transport.IsSynchronous()
            ? LinkByHostname(components, transport, errors)
            : LinkByTopic(components, transport, errors);
        return Walk(components, links, transport, errors);
    }

    /// <summary>
    /// The transport a scenario uses: <c>transport</c> when given; otherwise nats when the chain is given by topics
    /// (some component has a topic and none has <c>communication.hostname.to</c>); otherwise grpc.
    /// </summary>
    public static TransportKind ChooseTransport(TransportKind? given, IEnumerable<ComponentSpec> components)
    {
        if (given is { } transport)
        {
            return transport;
        }

        var list = components.ToList();
        var byTopic = list.Any(c => c.TopicTo is not null || c.TopicFrom is not null);
        var byHostname = list.Any(c => c.HostnameTo is not null);
        return byTopic && !byHostname ? TransportKind.Nats : TransportKind.Grpc;
    }

    /// <summary>The next hop of a component, or <c>Next</c> null when there is none or it could not be found.</summary>
    private sealed record Link(ParsedComponent? Next, string Key, int Line);

    private static Dictionary<ParsedComponent, Link> LinkByHostname(
        IReadOnlyList<ParsedComponent> components,
        TransportKind transport,
        ScenarioErrorSink errors)
    {
        const string key = ScenarioKeys.HostnameTo;
        var byName = components.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var conclusion = components.Single(c => c.Role == ComponentRole.Conclusion);
        var links = new Dictionary<ParsedComponent, Link>();
        foreach (var component in components)
        {
            var line = component.Scope.LineOf(key);
            links[component] = new Link(null, key, line);
            var target = component.Spec.HostnameTo;
            if (component.Role == ComponentRole.Conclusion)
            {
                if (target is not null)
                {
                    errors.Add(
                        line,
                        key,
                        $"{component.Describe()} is the last hop: it must not have communication.hostname.to",
                        "remove the line");
                }

                continue;
            }

            if (target is null)
            {
                var what = component.Role == ComponentRole.Trigger ? "the trigger" : "an action";
                errors.Add(
                    line,
                    key,
                    $"{component.Describe()} has no communication.hostname.to: with transport {transport.ToKey()} {what} must name its next hop, so the chain stops at '{component.Name}' and does not reach {conclusion.Describe()}",
                    $"add e.g. 'communication.hostname.to={conclusion.Name}'");
                continue;
            }

            if (!byName.TryGetValue(target, out var next))
            {
                var nearest = ScenarioKeys.Nearest(target, byName.Keys.Where(n => n != component.Name));
                errors.Add(
                    line,
                    key,
                    $"'{target}' names no component: expected the rootname of the next hop, one of {string.Join(", ", components.Where(c => c != component && c.Role != ComponentRole.Trigger).Select(c => c.Name))}",
                    nearest is null ? null : $"did you mean '{nearest}'?");
                continue;
            }

            if (next == component)
            {
                errors.Add(line, key, $"{component.Describe()} names itself as its next hop: it must name the next component in the chain");
                continue;
            }

            if (next.Role == ComponentRole.Trigger)
            {
                errors.Add(line, key, $"'{target}' is the trigger, which only sends: the next hop must be an action or the conclusion");
                continue;
            }

            links[component] = new Link(next, key, line);
            CheckPorts(component, next, errors);
        }

        return links;
    }

    private static void CheckPorts(ParsedComponent from, ParsedComponent to, ScenarioErrorSink errors)
    {
        if (from.Spec.PortTo is { } portTo && to.Spec.PortFrom is { } portFrom && portTo != portFrom)
        {
            errors.Add(
                from.Scope.LineOf(ScenarioKeys.PortTo),
                ScenarioKeys.PortTo,
                $"port {portTo} does not match the next hop: {to.Describe()} listens on communication.port.from={portFrom} (line {to.Scope.LineOf(ScenarioKeys.PortFrom)})",
                $"write 'communication.port.to={portFrom}'");
        }
    }

    private static Dictionary<ParsedComponent, Link> LinkByTopic(
        IReadOnlyList<ParsedComponent> components,
        TransportKind transport,
        ScenarioErrorSink errors)
    {
        var t = transport.ToKey();
        var consumers = new Dictionary<string, List<ParsedComponent>>(StringComparer.Ordinal);
        foreach (var component in components)
        {
            var from = component.Spec.TopicFrom;
            var fromLine = component.Scope.LineOf(ScenarioKeys.TopicFrom);
            if (component.Role == ComponentRole.Trigger)
            {
                if (component.Scope.Has(ScenarioKeys.TopicFrom))
                {
                    errors.Add(
                        fromLine,
                        ScenarioKeys.TopicFrom,
                        $"{component.Describe()} is the first hop: it consumes no topic, so it must not have communication.from",
                        "remove the line");
                }

                continue;
            }

            if (!component.Scope.Has(ScenarioKeys.TopicFrom))
            {
                errors.Add(
                    fromLine,
                    ScenarioKeys.TopicFrom,
                    $"{component.Describe()} has no communication.from: with transport {t} the chain is followed by topics, so it must consume the topic its previous hop publishes to",
                    "add e.g. 'communication.from=<the previous hop's communication.to>'");
                continue;
            }

            if (from is null)
            {
                continue;
            }

            if (consumers.TryGetValue(from, out var list))
            {
                var first = list[0];
                errors.Add(
                    fromLine,
                    ScenarioKeys.TopicFrom,
                    $"topic '{from}' is consumed by both {first.Describe()} (line {first.Scope.LineOf(ScenarioKeys.TopicFrom)}) and {component.Describe()}: a topic must have exactly one consumer in the chain",
                    "give each hop its own topic");
                list.Add(component);
            }
            else
            {
                consumers[from] = [component];
            }
        }

        var links = new Dictionary<ParsedComponent, Link>();
        foreach (var component in components)
        {
            const string key = ScenarioKeys.TopicTo;
            var line = component.Scope.LineOf(key);
            links[component] = new Link(null, key, line);
            var to = component.Spec.TopicTo;
            if (component.Role == ComponentRole.Conclusion)
            {
                if (component.Scope.Has(key))
                {
                    errors.Add(
                        line,
                        key,
                        $"{component.Describe()} is the last hop: it must not have communication.to",
                        "remove the line");
                }

                continue;
            }

            if (!component.Scope.Has(key))
            {
                errors.Add(
                    line,
                    key,
                    $"{component.Describe()} has no communication.to: with transport {t} the chain is followed by topics, so it must publish to the topic its next hop consumes",
                    "add e.g. 'communication.to=<the next hop's communication.from>'");
                continue;
            }

            if (to is null)
            {
                continue;
            }

            if (!consumers.TryGetValue(to, out var next))
            {
                var nearest = ScenarioKeys.Nearest(to, consumers.Keys);
                errors.Add(
                    line,
                    key,
                    $"no component consumes topic '{to}': the next hop must have communication.from={to}",
                    nearest is null ? null : $"did you mean '{nearest}'?");
                continue;
            }

            if (next.Count != 1)
            {
                continue;
            }

            if (next[0] == component)
            {
                errors.Add(line, key, $"{component.Describe()} publishes to '{to}', the topic it consumes: it must publish to its next hop's topic");
                continue;
            }

            links[component] = new Link(next[0], key, line);
        }

        return links;
    }

    private static List<ComponentSpec>? Walk(
        IReadOnlyList<ParsedComponent> components,
        Dictionary<ParsedComponent, Link> links,
        TransportKind transport,
        ScenarioErrorSink errors)
    {
        var trigger = components.Single(c => c.Role == ComponentRole.Trigger);
        var path = new List<ParsedComponent> { trigger };
        var current = trigger;
        var looped = false;
        while (current.Role != ComponentRole.Conclusion)
        {
            var link = links[current];
            if (link.Next is not { } next)
            {
                return null;
            }

            var seen = path.IndexOf(next);
            if (seen >= 0)
            {
                var cycle = path.Skip(seen).Append(next).Select(c => c.Name);
                errors.Add(
                    link.Line,
                    link.Key,
                    $"the chain loops: {string.Join(" -> ", cycle)} form a cycle, so it never reaches {components.Single(c => c.Role == ComponentRole.Conclusion).Describe()}",
                    "each component must lead one step closer to the conclusion");
                looped = true;
                break;
            }

            path.Add(next);
            current = next;
        }

        var reached = string.Join(" -> ", path.Select(c => c.Name));
        var how = transport.IsSynchronous()
            ? "name it in the communication.hostname.to of the component before it, or remove the section"
            : "publish to its communication.from topic from the component before it, or remove the section";
        var unreachable = false;
        foreach (var component in components)
        {
            if (path.Contains(component) || (looped && component.Role == ComponentRole.Conclusion))
            {
                continue;
            }

            unreachable = true;
            errors.Add(
                component.Scope.LineOf(ScenarioKeys.RootName),
                ScenarioKeys.RootName,
                $"{component.Describe()} is never reached from the trigger: the chain is {reached}",
                how);
        }

        return looped || unreachable ? null : [.. path.Select(c => c.Spec)];
    }
}
