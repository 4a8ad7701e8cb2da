global using Xunit;
global using BitcoinEvents.LocalAws;
