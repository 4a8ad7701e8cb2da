return await BitcoinEvents.Infrastructure.PlatformHost.RunAsync(args, BitcoinEvents.Outbox.OutboxArea.Definition);
