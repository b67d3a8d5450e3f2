namespace VirServerless.Bot.Tests.Evaluation;

public class ScratchProbe(ITestOutputHelper output)
{
    [Fact]
    public void Scratch()
    {
        var lines = File.Exists("/tmp/botfields-q.txt") ? File.ReadAllLines("/tmp/botfields-q.txt") : [];
        var sb = new System.Text.StringBuilder();
        foreach (var line in lines.Where(l => l.Contains('|')))
        {
            var (cat, rest) = (line[..line.IndexOf('|')], line[(line.IndexOf('|') + 1)..]);
            var catalog = BlindSet.Catalogs.First(c => c.Name == cat.Trim());
            var answerer = new VirServerless.Bot.Questions.QuestionAnswerer(new VirServerless.Testing.ManualTimeProvider(catalog.Now));
            var state = VirServerless.Bot.Questions.ConversationState.Empty;
            foreach (var q in rest.Split("||"))
            {
                var index = VirServerless.Bot.Questions.CatalogIndex.For(catalog.View);
                var p = VirServerless.Bot.Questions.QuestionParser.Parse(q.Trim(), index);
                var a = answerer.Answer(q.Trim(), catalog.View, state);
                sb.AppendLine($"Q {q.Trim()}\n  words=[{string.Join(' ', p.Words)}] terms=[{string.Join(' ', p.Terms)}] unknown=[{string.Join(' ', p.UnknownWords)}] intent={VirServerless.Bot.Questions.IntentClassifier.Classify(p)}\n  A {a.Intent}/{a.EventId}: {a.Text.ReplaceLineEndings(" ")[..Math.Min(220, a.Text.Length)]}");
                state = a.NextState;
            }
        }
        File.WriteAllText("/tmp/botfields-a.txt", sb.ToString());
        output.WriteLine(sb.ToString());
    }
}
