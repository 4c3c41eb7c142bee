namespace MeshAspire.Workflow.Hosting;

/// <summary>A component's answer to GET /clock: its name and two stamps of its clock (Unix ns).</summary>
/// <param name="HandledNs">When the request was handled (t1).</param>
/// <param name="AnsweredNs">When the answer was written (t2).</param>
public sealed record ClockAnswer(string Component, long HandledNs, long AnsweredNs);
