using System.Net;
using System.Text;

namespace VirServerless.Functions.Pages;

/// <summary>The shared page frame: German, one main landmark, no inline script.</summary>
public static class Layout
{
    public static IResult Page(string title, string body, int statusCode = 200) =>
        Results.Content(Render(title, body), "text/html; charset=utf-8", Encoding.UTF8, statusCode);

    public static string Render(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="de">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}} – ViR-Nordwest Veranstaltungen</title>
        <link rel="stylesheet" href="/static/site.css">
        </head>
        <body>
        <a class="skip" href="#inhalt">Zum Inhalt springen</a>
        <header class="site"><a href="/veranstaltungen">ViR-Nordwest Veranstaltungen</a></header>
        <main id="inhalt" tabindex="-1">
        <h1>{{E(title)}}</h1>
        {{body}}
        </main>
        <footer class="site"><a href="/datenschutz">Datenschutzhinweise</a> · <a href="/barrierefreiheit">Erklärung zur Barrierefreiheit</a></footer>
        </body>
        </html>
        """;

    public static string E(string? value) => WebUtility.HtmlEncode(value ?? "");
}
