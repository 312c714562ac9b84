// Error values of the core: every failure is one of these until it reaches the user.
#pragma once

#include <expected>
#include <string>
#include <vector>

namespace walklab::core {

/// Why a computation did not produce a result.
enum class ErrorKind {
    InvalidParameter,  ///< a parameter is out of range or malformed; `parameter` names it
    Cancelled,         ///< RunControl::cancel() was called while running
    TooLarge,          ///< the request would need more memory or time than is allowed
    Internal,          ///< a defect: an exception escaped a computation (reported, not fatal)
};

/// One failure, with a message meant for the user ("steps = 0: must be between 1 and 10^9").
struct Error {
    ErrorKind kind = ErrorKind::InvalidParameter;
    std::string parameter;  ///< key of the offending parameter, empty if none
    std::string message;    ///< complete sentence naming the parameter, the value and the range
};

using Errors = std::vector<Error>;

/// The expected-like return type of every core entry point: a value or the errors that prevent it.
template <class T>
using Expected = std::expected<T, Errors>;

/// Shorthand for returning a single error from a function returning Expected<T>.
inline std::unexpected<Errors> fail(ErrorKind kind, std::string parameter, std::string message)
{
    return std::unexpected(Errors{Error{kind, std::move(parameter), std::move(message)}});
}

}  // namespace walklab::core
