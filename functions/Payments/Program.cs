return await BitcoinEvents.Infrastructure.PlatformHost.RunAsync(args, BitcoinEvents.Payments.PaymentsArea.Definition);
