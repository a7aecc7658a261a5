using JourneyKit.Dynamics.Install;

namespace JourneyKit.Dynamics.Tests.Install;

/// <summary>
/// The requests each install and uninstall run sends, pinned at what the single-method installer sent before it became
/// ordered steps (uninstall now reads the solution once: one request fewer). Counts may go down, never up.
/// </summary>
[TestClass]
public sealed class InstallRequestCountTests
{
    [TestMethod]
    public async Task InstallAndUninstall_WithWebhook_RequestCountsNoHigherThanBefore()
    {
        await using var dv = await InstallHost.StartAsync();
        var installer = new DynamicsInstaller(InstallHost.Client(dv), new DynamicsInstallOptions { WebhookUrl = new Uri("https://hooks.example.test/api/dataverse"), WebhookKey = "fake-key-Zq9" });
        async Task<long> CountAsync(Func<Task<InstallPlan>> run)
        {
            dv.ResetCounters();
            await run();
            return dv.TotalRequests;
        }

        Assert.IsLessThanOrEqualTo(13, await CountAsync(() => installer.PlanInstallAsync()), "plan on an empty environment");
        Assert.IsLessThanOrEqualTo(47, await CountAsync(() => installer.InstallAsync()), "install on an empty environment");
        Assert.IsLessThanOrEqualTo(19, await CountAsync(() => installer.InstallAsync()), "second install");
        Assert.IsLessThanOrEqualTo(9, await CountAsync(() => installer.PlanUninstallAsync()), "plan uninstall (10 before)");
        Assert.IsLessThanOrEqualTo(20, await CountAsync(() => installer.UninstallAsync()), "uninstall (21 before)");
        Assert.IsLessThanOrEqualTo(8, await CountAsync(() => installer.UninstallAsync()), "second uninstall (9 before)");
    }

    [TestMethod]
    public async Task Install_PreinstalledTables_RequestCountsNoHigherThanBefore()
    {
        await using var dv = await InstallHost.StartAsync(installed: true);
        var installer = new DynamicsInstaller(InstallHost.Client(dv), new DynamicsInstallOptions { WebhookUrl = new Uri("https://hooks.example.test/api/dataverse"), WebhookKey = "fake-key-Zq9" });
        dv.ResetCounters();

        await installer.PlanInstallAsync();
        Assert.IsLessThanOrEqualTo(16, dv.TotalRequests, "plan");
        dv.ResetCounters();
        await installer.InstallAsync();
        Assert.IsLessThanOrEqualTo(35, dv.TotalRequests, "install: only the solution parts that are missing");
    }
}
