using System.Net;
using System.Text;

namespace VirServerless.Functions.Pages;

/// <summary>The shared page frame: German, landmarks, a skip link, no inline script or style.</summary>
public static class Layout
{
    public const string SiteName = "ViR-Nordwest Veranstaltungen";

    public static IResult Page(string title, string body, int statusCode = 200, bool embedded = false, string? errorSummary = null) =>
        Results.Content(Render(title, body, embedded, errorSummary), "text/html; charset=utf-8", Encoding.UTF8, statusCode);

    /// <summary>
    /// <paramref name="errorSummary"/> goes right below the h1, where the script puts it too, so the heading order
    /// stays h1, h2; an embedded page drops header and footer navigation because the host page has its own.
    /// </summary>
    public static string Render(string title, string body, bool embedded = false, string? errorSummary = null) => $$"""
        <!DOCTYPE html>
        <html lang="de">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}} – {{SiteName}}</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="{{StaticAssets.Url("site.css")}}">
        <script src="{{StaticAssets.Url("site.js")}}" defer></script>
        </head>
        <body{{(embedded ? " class=\"embedded\"" : "")}}>
        {{(embedded ? "" : Header)}}
        <main id="inhalt" tabindex="-1">
        <h1>{{E(title)}}</h1>
        {{errorSummary}}
        {{body}}
        </main>
        {{(embedded ? EmbeddedFooter : Footer)}}
        </body>
        </html>
        """;

    private const string Header = """
        <a class="skip" href="#inhalt">Zum Inhalt springen</a>
        <header class="site"><a href="/veranstaltungen">ViR-Nordwest Veranstaltungen</a></header>
        """;

    private const string Footer = """
        <footer class="site"><nav aria-label="Rechtliches"><ul>
        <li><a href="/veranstaltungen">Alle Veranstaltungen</a></li>
        <li><a href="/datenschutz">Datenschutzhinweise</a></li>
        <li><a href="/barrierefreiheit">Erklärung zur Barrierefreiheit</a></li>
        </ul></nav></footer>
        """;

    private const string EmbeddedFooter = """
        <footer class="site embedded"><a href="/datenschutz" target="_blank" rel="noopener">Datenschutzhinweise (neues Fenster)</a> · <a href="/barrierefreiheit" target="_blank" rel="noopener">Barrierefreiheit (neues Fenster)</a></footer>
        """;

    public static string E(string? value) => WebUtility.HtmlEncode(value ?? "");

    /// <summary>Plain text with blank-line paragraphs and **bold**, the only Markdown the catalog uses.</summary>
    public static string Paragraphs(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var sb = new StringBuilder();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var html = E(paragraph);
            var parts = html.Split("**");
            var inline = new StringBuilder();
            for (var i = 0; i < parts.Length; i++)
            {
                // Odd parts sat between two ** markers; an unpaired trailing marker stays literal.
                inline.Append(i % 2 == 1 && i < parts.Length - 1 ? $"<strong>{parts[i]}</strong>" : (i % 2 == 1 ? "**" + parts[i] : parts[i]));
            }
            sb.Append("<p>").Append(inline.ToString().Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>\n");
        }
        return sb.ToString();
    }
}
