return await BitcoinEvents.Lambda.LambdaEntryPoint.RunAsync(args, BitcoinEvents.Events.EventsArea.Definition);
