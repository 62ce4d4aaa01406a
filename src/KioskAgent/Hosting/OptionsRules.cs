using Microsoft.Extensions.Options;

namespace KioskAgent.Hosting;

/// <summary>
/// Options checked by a method of their own that lists what is wrong, one message per problem, each naming its key
/// (<c>Validate(prefix)</c> on the options class). With <c>ValidateOnStart</c>, the agent stops at start with them.
/// </summary>
public static class OptionsRules
{
    public static OptionsBuilder<T> ValidateRules<T>(this OptionsBuilder<T> builder, Func<T, IEnumerable<string>> rules)
        where T : class
    {
        builder.Services.AddSingleton<IValidateOptions<T>>(new RulesValidator<T>(builder.Name, rules));
        return builder;
    }

    private sealed class RulesValidator<T>(string name, Func<T, IEnumerable<string>> rules) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? optionsName, T options)
        {
            if (optionsName != name)
            {
                return ValidateOptionsResult.Skip;
            }

            var errors = rules(options).ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
