using JourneyKit.Connectors.HubSpot;

namespace JourneyKit.Connectors.Tests.HubSpot;

[TestClass]
public sealed class HubSpotMappingRegressionTests
{
    [TestMethod]
    public void ToCrmContact_GenderNormalised_OtherTextKeptAsIs()
    {
        // Mapperly uses a string→string method for every string property unless told otherwise;
        // the gender normaliser once lower-cased job titles and countries.
        var contact = HubSpotMapper.ToCrmContact(new HubSpotContactRecord
        {
            Id = "7", Gender = "Femme", JobTitle = "Head of Marketing", Country = "France", Industry = "Retail", CompanyEmployees = "25-50", BirthDate = "1978-03-02",
        });
        Assert.AreEqual("Femme", contact.Gender, "the mapper copies text; the connector normalises gender");
        Assert.AreEqual("female", HubSpotValues.NormalizeGender(contact.Gender));
        Assert.AreEqual("Head of Marketing", contact.JobTitle);
        Assert.AreEqual("France", contact.Country);
        Assert.AreEqual("Retail", contact.Industry);
        Assert.AreEqual(37, contact.CompanyEmployees);
        Assert.AreEqual(new DateOnly(1978, 3, 2), contact.BirthDate);
    }
}
