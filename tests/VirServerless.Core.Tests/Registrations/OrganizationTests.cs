using VirServerless.Core.Registrations;

namespace VirServerless.Core.Tests.Registrations;

public class OrganizationTests
{
    [Theory]
    [InlineData("Stadt  Delmenhorst")]
    [InlineData("stadt delmenhorst")]
    [InlineData("  STADT DELMENHORST ")]
    [InlineData("Stadt\tDelmenhorst")]
    [InlineData("Stadt\u00A0Delmenhorst")]
    public void SpellingsThatDifferOnlyInCaseAndSpacesAreOneOrganisation(string spelling)
    {
        Assert.Equal("stadt delmenhorst", Organization.Normalize(spelling));
        Assert.Equal(Organization.Key("Stadt Delmenhorst"), Organization.Key(spelling));
    }

    [Fact]
    public void UmlautsCountTheSameWhetherTypedComposedOrDecomposed()
    {
        Assert.Equal(Organization.Key("Gemeinde B\u00FCckeburg"), Organization.Key("GEMEINDE BU\u0308CKEBURG"));
    }

    [Fact]
    public void SharpSAndUmlautsAreNotSpelledOut()
    {
        Assert.NotEqual(Organization.Key("Großenkneten"), Organization.Key("Grossenkneten"));
        Assert.NotEqual(Organization.Key("Göttingen"), Organization.Key("Goettingen"));
    }

    [Fact]
    public void TheCounterKeyOfAPlainNameIsTheHashOfItsLowerCaseForm()
    {
        // Counter rows already written keep their key: only names with tabs or other odd white space change.
        Assert.Equal(RegistrationKeys.Hash("landkreis oldenburg"), Organization.Key(" Landkreis   Oldenburg"));
        Assert.Equal(Organization.Key("Landkreis Oldenburg"), RegistrationKeys.OrganizationKey("landkreis oldenburg"));
    }

    [Fact]
    public void AnOrganisationIsShownUnderTheSpellingMostOfItsPeopleUsed()
    {
        var names = Organization.Names(["stadt delmenhorst", "Stadt  Delmenhorst", "Stadt Delmenhorst", "Landkreis Osterholz"]);

        Assert.Equal("Stadt Delmenhorst", names.Of("stadt delmenhorst"));
        Assert.Equal("Stadt Delmenhorst", names.Of("STADT DELMENHORST "));
        Assert.Equal("Landkreis Osterholz", names.Of("landkreis osterholz"));
        Assert.Equal("Gemeinde Hude", names.Of(" Gemeinde  Hude"));
    }

    [Fact]
    public void OnATieTheFirstSpellingNames()
    {
        var names = Organization.Names(["stadt delmenhorst", "Stadt Delmenhorst"]);

        Assert.Equal("stadt delmenhorst", names.Of("Stadt Delmenhorst"));
    }

    [Fact]
    public void NamesSortInGermanAlphabeticalOrder()
    {
        string[] names = ["Stadt Zeven", "Ölstadt", "landkreis Oldenburg", "Amt Ahrensburg"];

        Assert.Equal(["Amt Ahrensburg", "landkreis Oldenburg", "Ölstadt", "Stadt Zeven"], names.Order(Organization.NameOrder));
    }
}
