using VirServerless.Core.Registrations;

namespace VirServerless.Core.Tests.Registrations;

public class CheckInCodesTests
{
    [Fact]
    public void ACodeIsTenLettersInTwoGroupsWithoutLookAlikesAndNeverRepeats()
    {
        var codes = Enumerable.Range(0, 5000).Select(_ => CheckInCodes.Create()).ToList();

        Assert.All(codes, code => Assert.Matches("^[ACDEFHJKMNPRTUVWXY]{5}-[ACDEFHJKMNPRTUVWXY]{5}$", code));
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        // Every letter of the alphabet turns up: the draw uses all of it, not a biased part.
        Assert.Equal(CheckInCodes.Alphabet.Order(), string.Concat(codes).Replace("-", "", StringComparison.Ordinal).Distinct().Order());
    }

    [Theory]
    [InlineData("KMPTX-ARWHC")]
    [InlineData("kmptx-arwhc")]
    [InlineData(" KMPTX ARWHC ")]
    [InlineData("KMPTXARWHC")]
    [InlineData("KMPTXßARWHC")]
    [InlineData("KMPTX-ARWHC\n")]
    public void WhatIsTypedOrScannedReadsAsTheStoredCode(string typed)
    {
        Assert.Equal("KMPTX-ARWHC", CheckInCodes.Normalize(typed));
    }

    [Fact]
    public void AScannerOnAGermanKeyboardLayoutTypesZForYAndStillMatches()
    {
        Assert.Equal("YYKMP-TXARW", CheckInCodes.Normalize("ZZKMP-TXARW"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("KMPTX-ARWH")]
    [InlineData("KMPTX-ARWHCA")]
    [InlineData("KMPTX-ARWH0")]
    [InlineData("KMPTX-ARWHO")]
    [InlineData("KMPTX-ARWHS")]
    [InlineData("plenum-2027.dGhpcyBpcyBhIG1hbmFnZSB0b2tlbg")]
    public void WhatCannotBeACodeIsRefused(string? typed)
    {
        Assert.Null(CheckInCodes.Normalize(typed));
    }
}
