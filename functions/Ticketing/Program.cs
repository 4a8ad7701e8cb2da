return await BitcoinEvents.Infrastructure.PlatformHost.RunAsync(args, BitcoinEvents.Ticketing.TicketingArea.Definition);
