using Template.Tests.Support;

namespace Template.Tests;

/// <summary>samconfig.toml: in-source cached parallel builds; per-environment stacks; prod confirms change sets and never syncs.</summary>
public sealed class SamConfigTests
{
    private static readonly string[] s_environments = ["default", "dev", "prod"];

    private static SamConfig Config => SamConfig.Load(Path.Combine(RepositoryPaths.Root, "samconfig.toml"));

    [Fact]
    public void Version_Is01()
    {
        Assert.Equal("0.1", Config.Version);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Build_IsCachedParallelAndInSource(string environment)
    {
        var config = Config;
        Assert.Equal("true", config.Get($"{environment}.build.parameters", "cached"));
        Assert.Equal("true", config.Get($"{environment}.build.parameters", "parallel"));
        Assert.Equal("true", config.Get($"{environment}.build.parameters", "build_in_source"));
    }

    [Theory]
    [InlineData("default", "bitcoin-events-dev", "dev", "false")]
    [InlineData("dev", "bitcoin-events-dev", "dev", "false")]
    [InlineData("prod", "bitcoin-events-prod", "prod", "true")]
    public void Deploy_TargetsTheEnvironmentsStack(string environment, string stack, string stage, string confirm)
    {
        var config = Config;
        var table = $"{environment}.deploy.parameters";
        Assert.Equal(stack, config.Get(table, "stack_name"));
        // Nested stacks (one per area) and AWS::LanguageExtensions both need CAPABILITY_AUTO_EXPAND.
        Assert.Equal(["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"], (config.Get(table, "capabilities") ?? "").Split(' '));
        Assert.Equal("true", config.Get(table, "resolve_s3"));
        Assert.Equal(confirm, config.Get(table, "confirm_changeset"));
        var overrides = config.Get(table, "parameter_overrides") ?? "";
        Assert.Contains($"Stage={stage}", overrides, StringComparison.Ordinal);
        Assert.Contains("FrontendOrigin=", overrides, StringComparison.Ordinal);
    }

    [Fact]
    public void Prod_HasNoSyncAndNoGlobalStackName()
    {
        var config = Config;

        Assert.DoesNotContain(config.Tables.Keys, t => t.StartsWith("prod.sync", StringComparison.Ordinal));
        Assert.Null(config.Get("prod.global.parameters", "stack_name"));
    }

    [Fact]
    public void ParameterOverrides_NameOnlyTemplateParameters_WithAllowedValues()
    {
        var template = TemplateDocument.Load();
        var config = Config;
        foreach (var environment in s_environments)
        {
            foreach (var table in new[] { $"{environment}.deploy.parameters", $"{environment}.sync.parameters" })
            {
                foreach (var pair in (config.Get(table, "parameter_overrides") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var (name, value) = (pair.Split('=', 2)[0], pair.Split('=', 2)[1]);
                    var parameter = template.Parameters[name];
                    Assert.True(parameter is not null, $"{table}: {name} is not a parameter of template.yaml.");
                    if (parameter!["AllowedValues"] is System.Text.Json.Nodes.JsonArray allowed)
                    {
                        Assert.Contains(value, allowed.Select(v => v!.ToString()));
                    }
                }
            }
        }
    }

    [Fact]
    public void Parse_RejectsDuplicateTables()
    {
        Assert.Throws<FormatException>(() => SamConfig.Parse("version = 0.1\n[prod.deploy.parameters]\na = 1\n[prod.deploy.parameters]\nb = 2\n"));
    }
}
