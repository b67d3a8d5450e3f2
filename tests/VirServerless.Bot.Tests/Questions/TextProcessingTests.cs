using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
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

    [Theory]
    [InlineData("Plenum 2027, ABC-def?", "plenum 2027, abc-def?")]
    [InlineData("„Café“ – Grüße", "„cafe“ - gruesse")]
    public void NormalizerLowersPlainTextAndFoldsTheRest(string input, string expected)
    {
        var normalized = GermanNormalizer.Normalize(input);

        Assert.Equal(expected, normalized);
    }

    // The tokenizer scans by hand; this pattern is what it must find.
    private static readonly Regex WordPattern = new(@"[\p{L}\p{Nd}]+(?:-[\p{L}\p{Nd}]+)*");

    private static readonly Gen<string> TokenizerInput = Gen.Elements(
            "a", "Z", "ä", "ß", "é", "e\u0301", "1", "\u0661", "\uFF12", "-", "--", " ", ".", ",", "?", "'", "\u2013", "\uD83D\uDE00", "\uD800", "_")
        .ArrayOf().Select(parts => string.Concat(parts));

    [Fact]
    public void TokenizerFindsExactlyTheWordsOfItsPattern()
    {
        Prop.ForAll(TokenizerInput.ToArbitrary(), text =>
        {
            var expected = WordPattern.Matches(GermanNormalizer.Normalize(text))
                .Select(m => (Joined: m.Value.Replace("-", "", StringComparison.Ordinal), Parts: string.Join('|', m.Value.Split('-'))));

            var tokens = Tokenizer.Words(text).Select(t => (t.Joined, Parts: string.Join('|', t.Parts)));

            return expected.SequenceEqual(tokens);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Theory]
    [InlineData("Plenum 20\u0662\u0666?")]
    [InlineData("Plenum am 1\u0665. März")]
    [InlineData("was ist am \u0661\u0665.\u0663.?")]
    [InlineData("um \u0661\u0664:\u0663\u0660 Uhr")]
    [InlineData("mit \u0664 Leuten anmelden?")]
    [InlineData("Plenum \uFF12\uFF10\uFF12\uFF16")]
    public void QuestionsWithDigitsOfOtherScriptsGetAnAnswer(string question)
    {
        var answer = QuestionFixture.Answerer().Answer(question, QuestionFixture.Catalog, ConversationState.Empty);

        Assert.False(string.IsNullOrWhiteSpace(answer.Text));
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
    public void EditDistanceIsExactUpToTheCapAndBeyondItWhenAbove()
    {
        var random = new Random(7);
        string Word() => new([.. Enumerable.Range(0, random.Next(0, 11)).Select(_ => "abcde"[random.Next(5)])]);
        for (var n = 0; n < 20_000; n++)
        {
            var (a, b) = (Word(), Word());
            var full = FullOptimalStringAlignment(a, b);
            Assert.Equal(full, TypoCorrector.EditDistance(a, b));
            foreach (var cap in (int[])[0, 1, 2, 3])
            {
                var capped = TypoCorrector.EditDistance(a, b, cap);
                Assert.True(full <= cap ? capped == full : capped > cap, $"{a} / {b}, cap {cap}: {capped}, exact {full}");
            }
        }
    }

    [Fact]
    public void TypoCorrectionFindsWhatAFullScanOfTheVocabularyFinds()
    {
        var random = new Random(11);
        string Word(int min, int max) => new([.. Enumerable.Range(0, random.Next(min, max)).Select(_ => "aeinrstäß"[random.Next(9)])]);
        var vocabulary = Enumerable.Range(0, 400).Select(_ => Word(4, 11)).Distinct().ToList();
        var corrector = new TypoCorrector(vocabulary);
        for (var n = 0; n < 3_000; n++)
        {
            var word = random.Next(3) == 0 ? Mutate(vocabulary[random.Next(vocabulary.Count)]) : Word(5, 11);
            var allowed = TypoCorrector.AllowedDistance(word);
            var expected = vocabulary.Where(v => v.Length >= 4)
                .Select(v => (Word: v, Distance: FullOptimalStringAlignment(word, v)))
                .Where(x => allowed > 0 && x.Distance <= allowed && (word.Length >= 8 || x.Word[0] == word[0]))
                .OrderBy(x => x.Distance).ThenBy(x => x.Word, StringComparer.Ordinal)
                .Select(x => x.Word).FirstOrDefault();
            Assert.Equal(expected, corrector.Correct(word));
        }

        string Mutate(string w)
        {
            var i = random.Next(w.Length);
            return random.Next(3) switch
            {
                0 => w.Remove(i, 1),
                1 => w.Insert(i, "ä"),
                _ => w[..i] + "s" + w[(i + 1)..],
            };
        }
    }

    /// <summary>The textbook full-matrix computation, as the reference for the banded one.</summary>
    private static int FullOptimalStringAlignment(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
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

    [Fact]
    public void FindsEveryWeekdayInGermanAndEnglishAlsoWithAnS()
    {
        for (var i = 0; i < 7; i++)
        {
            foreach (var name in new[] { Lexicon.GermanWeekdays[i], Lexicon.EnglishWeekdays[i] })
            {
                Assert.Equal((DayOfWeek)i, DateExpressions.Day($"was ist am {name}")?.Weekday);
                Assert.Equal((DayOfWeek)i, DateExpressions.Day($"{name}s geoeffnet?")?.Weekday);
            }
        }
        Assert.Null(DateExpressions.Day("der montagmorgen"));
    }

    [Fact]
    public void TwoWeekdaysGiveTheEarlierInTheWeekFromSunday() =>
        Assert.Equal(DayOfWeek.Tuesday, DateExpressions.Day("mittwoch oder dienstag")?.Weekday);

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
