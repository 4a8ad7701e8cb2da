return await BitcoinEvents.Infrastructure.PlatformHost.RunAsync(args, BitcoinEvents.Events.EventsArea.Definition);
