using BitcoinEvents.LocalAws;
using BitcoinEvents.NewArea;

// dotnet run --project tools/NewArea -- <Area>   (docs/adding-an-area.md)
if (args is not [var name] || name.StartsWith('-'))
{
    await Console.Error.WriteLineAsync("Usage: dotnet run --project tools/NewArea -- <Area>   (a PascalCase name such as Ticketing)");
    return 2;
}

try
{
    var created = AreaScaffold.Create(RepositoryPaths.Root, name);
    Console.WriteLine($"Area {name}: created {created.Files.Count} files; added one line to template.yaml and one to BitcoinEvents.slnx.");
    foreach (var file in created.Files)
    {
        Console.WriteLine("  " + file);
    }

    Console.WriteLine("Next: dotnet run --project tools/DevHost -- --check, then dotnet test tests/" + name + ".Tests");
    return 0;
}
catch (ArgumentException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 2;
}
