using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

public class TextProcessingTests
{
    [Theory]
    [InlineData("Größe", "groesse")]
    [InlineData("Über Änderungen", "ueber aenderungen")]
    [InlineData("Straße", "strasse")]
    [InlineData("Café", "cafe")]
    public void NormalizerFoldsUmlautsSharpSAndCase(string input, string expected)
    {
        var normalized = GermanNormalizer.Normalize(input);

        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void TokenizerKeepsHyphenatedWordsJoinedAndAsParts()
    {
        var terms = Tokenizer.IndexTerms("Themenblock E-Rechnung").ToList();

        Assert.Equal(["themenblock", "erechnung", "rechnung"], terms);
    }

    [Theory]
    [InlineData("anmeldung", "anmeld")]
    [InlineData("anmelden", "anmeld")]
    [InlineData("workshops", "workshop")]
    [InlineData("ende", "ende")]
    public void StemmerStripsEndingsButKeepsShortStems(string word, string stem)
    {
        var result = GermanStemmer.Stem(word);

        Assert.Equal(stem, result);
    }

    [Fact]
    public void SynonymsMapOntoOneConcept()
    {
        string[] words = ["plenum", "vollversammlung", "tagung", "plenums"];

        var concepts = words.Select(Lexicon.Term).Distinct().ToList();

        Assert.Equal([Lexicon.Plenum], concepts);
        Assert.Equal(Lexicon.Term("arbeitsgruppen"), Lexicon.Term("workshop"));
        Assert.Equal(Lexicon.Term("hafenbus"), Lexicon.Term("exkursion"));
    }

    [Theory]
    [InlineData("anmeldeschluss", new[] { "anmelde", "schluss" })]
    [InlineData("plenumsprogramm", new[] { "plenum", "programm" })]
    [InlineData("kiworkshop", new[] { "ki", "workshop" })]
    public void CompoundSplitterFindsKnownPartsWithLinkingElements(string word, string[] parts)
    {
        HashSet<string> known = ["anmelde", "schluss", "plenum", "programm", "ki", "workshop"];

        var split = CompoundSplitter.Split(word, known.Contains);

        Assert.Equal(parts, split);
    }

    [Fact]
    public void CompoundSplitterLeavesUnknownWordsAlone()
    {
        HashSet<string> known = ["plenum"];

        var split = CompoundSplitter.Split("quantencomputer", known.Contains);

        Assert.Null(split);
    }

    [Theory]
    [InlineData("hafenrundfart", "hafenrundfahrt")]
    [InlineData("vollversamlung", "vollversammlung")]
    [InlineData("anmeldugn", "anmeldung")]
    [InlineData("pleunm", "plenum")]
    public void TypoCorrectorFindsTheNearestKnownWord(string typo, string expected)
    {
        var corrector = new TypoCorrector(["hafenrundfahrt", "vollversammlung", "anmeldung", "plenum", "abendessen"]);

        var corrected = corrector.Correct(typo);

        Assert.Equal(expected, corrected);
    }

    [Theory]
    [InlineData("hamburg")]
    [InlineData("wo")]
    [InlineData("plnm")]
    public void TypoCorrectorDoesNotStretchShortOrDistantWords(string word)
    {
        var corrector = new TypoCorrector(["bremen", "homburger", "plenum", "wann", "wer"]);

        var corrected = corrector.Correct(word);

        Assert.Null(corrected);
    }

    [Fact]
    public void EditDistanceCountsATranspositionOnce()
    {
        var distance = TypoCorrector.EditDistance("anmeldugn", "anmeldung");

        Assert.Equal(1, distance);
    }

    [Fact]
    public void Bm25RanksTheDocumentWithTheRarerTermFirst()
    {
        var index = new Bm25Index<string>([
            ("ag-ki", ["workshop", "ki", "verwaltung"]),
            ("ag-sicherheit", ["workshop", "sicherheit", "kommune"]),
            ("ag-kompetenzen", ["workshop", "kompetenz", "qualifizierung"]),
        ]);

        var hits = index.Search(["workshop", "ki"]);

        Assert.Equal("ag-ki", hits[0].Item);
        Assert.Equal(3, hits.Count);
        Assert.True(hits[0].Score > hits[1].Score);
        Assert.Equal(["workshop", "ki"], hits[0].MatchedTerms.Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public void Bm25PrefersShorterDocumentsForTheSameTerm()
    {
        var index = new Bm25Index<string>([
            ("long", ["abendessen", "restaurant", "hafen", "musik", "buffet", "getraenke"]),
            ("short", ["abendessen", "restaurant"]),
        ]);

        var hits = index.Search(["abendessen"]);

        Assert.Equal("short", hits[0].Item);
    }

    [Theory]
    [InlineData("Was läuft am zweiten Tag?", 2)]
    [InlineData("am 2. Tag", 2)]
    [InlineData("on the first day", 1)]
    public void FindsOrdinalDays(string text, int ordinal)
    {
        var day = DateExpressions.Day(GermanNormalizer.Normalize(text));

        Assert.Equal(ordinal, day?.Ordinal);
    }

    [Theory]
    [InlineData("Was läuft um 14 Uhr?", 14 * 60)]
    [InlineData("um 10:30", (10 * 60) + 30)]
    [InlineData("at 2 pm", 14 * 60)]
    public void FindsClockTimes(string text, int minutes)
    {
        var time = DateExpressions.TimeOfDay(GermanNormalizer.Normalize(text));

        Assert.Equal(minutes, time);
    }

    [Fact]
    public void DetectsLanguageFromWordsNotLocale()
    {
        var index = CatalogIndex.For(QuestionFixture.Catalog);

        var english = LanguageDetector.Detect(QuestionParser.Parse("When is the next plenary?", index), "de");
        var german = LanguageDetector.Detect(QuestionParser.Parse("Wann ist das nächste Plenum?", index), "en");

        Assert.Equal("en", english);
        Assert.Equal("de", german);
    }
}
