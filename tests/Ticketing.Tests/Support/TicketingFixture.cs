using BitcoinEvents.TestSupport;
using Ticketing.Tests.Support;

[assembly: AssemblyFixture(typeof(TicketingFixture))]

namespace Ticketing.Tests.Support;

/// <summary>
/// Once per test run: the local servers, the template's resources and the signed-in test users
/// (<see cref="LocalPlatformFixture"/>). Tests that move a clock or run the expiry job take tables
/// of their own (<see cref="LocalPlatformFixture.IsolatedConfigurationAsync"/>).
/// </summary>
public sealed class TicketingFixture : LocalPlatformFixture;
