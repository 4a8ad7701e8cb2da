return await BitcoinEvents.Infrastructure.PlatformHost.RunAsync(args, BitcoinEvents.Notifications.NotificationsArea.Definition);
