using System.Security.Cryptography;
using KioskAgent.Auth;
using KioskAgent.Tests.Support;
using Microsoft.IdentityModel.Tokens;

namespace KioskAgent.Tests;

/// <summary>
/// The cache in front of JWT validation: a token is validated in full on first sight, served from the cache only
/// until its exp, never cached when invalid, and the cache never holds more than its capacity.
/// </summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly AuthOptions Auth = new();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task RepeatedTokenIsServedFromTheCacheUntilItsExpiry()
    {
        var cache = new ValidatedTokenCache(_clock);
        var forge = Forge(DateTimeOffset.UtcNow);
        var token = forge.SignHs256(Key);

        var first = await Validate(cache, token);
        var second = await Validate(cache, token);

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Same(first.SecurityToken, second.SecurityToken); // the parsed token of the first validation: a hit
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity); // every request gets its own identity
        Assert.Equal(AgentFactory.Maintainer.ClientId, second.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Equal(1, cache.Count);

        _clock.Now = DateTimeOffset.FromUnixTimeSeconds((long)forge.Payload["exp"]!);
        Assert.False(cache.TryGet(token, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task TokenSignedWithAnotherKeyIsNotCachedEvenWhenItsTwinIs()
    {
        var cache = new ValidatedTokenCache(_clock);
        var forge = Forge(DateTimeOffset.UtcNow);
        Assert.True((await Validate(cache, forge.SignHs256(Key))).IsValid);

        var forged = forge.SignHs256(RandomNumberGenerator.GetBytes(32));
        Assert.False((await Validate(cache, forged)).IsValid);
        Assert.False((await Validate(cache, forged)).IsValid);
        Assert.False(cache.TryGet(forged, out _));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task ExpiredTokenIsRefusedAndNotCached()
    {
        var cache = new ValidatedTokenCache(_clock);
        var expired = Forge(DateTimeOffset.UtcNow.AddHours(-2)).SignHs256(Key);

        Assert.False((await Validate(cache, expired)).IsValid);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task CacheHoldsAtMostItsCapacityAndStillValidatesTheRest()
    {
        var cache = new ValidatedTokenCache(_clock, capacity: 3);
        for (var i = 0; i < 8; i++)
        {
            var result = await Validate(cache, Forge(DateTimeOffset.UtcNow).SignHs256(Key));
            Assert.True(result.IsValid);
            Assert.True(cache.Count <= 3);
        }

        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public async Task FullCacheMakesRoomByDroppingExpiredEntries()
    {
        var cache = new ValidatedTokenCache(_clock, capacity: 2);
        await Validate(cache, Forge(DateTimeOffset.UtcNow).SignHs256(Key));
        await Validate(cache, Forge(DateTimeOffset.UtcNow).SignHs256(Key));
        _clock.Now = DateTimeOffset.UtcNow.AddHours(2); // both cached tokens are past their exp for the cache

        var later = Forge(DateTimeOffset.UtcNow.AddMinutes(-1));
        later.Payload["exp"] = DateTimeOffset.UtcNow.AddHours(3).ToUnixTimeSeconds();
        var token = later.SignHs256(Key);
        Assert.True((await Validate(cache, token)).IsValid);
        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet(token, out _));
    }

    private static TokenForge Forge(DateTimeOffset now) => new(Auth.Issuer, Auth.Audience, AgentFactory.Maintainer.ClientId, now);

    private static Task<TokenValidationResult> Validate(ValidatedTokenCache cache, string token) =>
        new CachingJsonWebTokenHandler(cache) { MapInboundClaims = false, MaximumTokenSizeInBytes = TokenValidation.MaximumTokenBytes }
            .ValidateTokenAsync(token, TokenValidation.Parameters(Auth, new SymmetricSecurityKey(Key)));

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
