#include "core/config/diagnostic.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace azureml::config {
namespace {

Diagnostic make(Severity severity, Position position, std::string path, std::string message, std::string hint) {
  return Diagnostic{severity, position, std::move(path), std::move(message), std::move(hint)};
}

// ---------------------------------------------------------------------------------------------
// DiagnosticFormat

TEST(DiagnosticFormat, Everything) {
  const Diagnostic d = make(Severity::error, {3, 14}, "instanceTypes.a.resources.limits.cpu", "'-1' is negative",
                            "resource amounts are zero or more");
  EXPECT_EQ(format(d, "attach.yaml"),
            "attach.yaml:3:14: error: instanceTypes.a.resources.limits.cpu: '-1' is negative "
            "(resource amounts are zero or more)");
}

TEST(DiagnosticFormat, Warning) {
  const Diagnostic d = make(Severity::warning, {5, 24}, "instanceTypes.a.resources.limits.memory",
                            "'400m' means 0.4 bytes", "'m' is milli; did you mean '400Mi' or '400M'?");
  EXPECT_EQ(format(d, "<stdin>"),
            "<stdin>:5:24: warning: instanceTypes.a.resources.limits.memory: '400m' means 0.4 bytes "
            "('m' is milli; did you mean '400Mi' or '400M'?)");
}

TEST(DiagnosticFormat, WithoutPosition) {
  const Diagnostic d = make(Severity::error, {}, "", "cannot read 'x.yaml': No such file or directory",
                            "check the path given to --file");
  EXPECT_EQ(format(d, "x.yaml"),
            "x.yaml: error: cannot read 'x.yaml': No such file or directory (check the path given to --file)");
  // Line 0 means unknown even when a column is set.
  EXPECT_EQ(format(make(Severity::error, {0, 7}, "", "m", ""), "f"), "f: error: m");
}

TEST(DiagnosticFormat, WithoutPath) {
  EXPECT_EQ(format(make(Severity::error, {1, 1}, "", "the document is empty", "expected a map of settings"), "a.yaml"),
            "a.yaml:1:1: error: the document is empty (expected a map of settings)");
}

TEST(DiagnosticFormat, WithoutHint) {
  EXPECT_EQ(format(make(Severity::error, {2, 3}, "namespace", "must not be empty", ""), "a.json"),
            "a.json:2:3: error: namespace: must not be empty");
}

TEST(DiagnosticFormat, MessageOnly) {
  EXPECT_EQ(format(make(Severity::warning, {}, "", "something", ""), "f"), "f: warning: something");
}

// User text (file names, keys in paths, values quoted in messages and hints) must not split a
// diagnostic into two lines, forge a second one, or send terminal escapes.
TEST(DiagnosticFormat, ControlCharactersInThePathAreEscaped) {
  const Diagnostic d = make(Severity::error, {4, 7}, "instanceTypes.a.nodeSelector[\"a\nb\x1b[31m\"]", "m", "h");
  EXPECT_EQ(format(d, "f"), "f:4:7: error: instanceTypes.a.nodeSelector[\"a\\nb\\x1B[31m\"]: m (h)");
}

TEST(DiagnosticFormat, ControlCharactersInTheFileAreEscaped) {
  EXPECT_EQ(format(make(Severity::error, {1, 1}, "", "m", ""), "a\nb\r\tc.yaml"), "a\\nb\\r\\tc.yaml:1:1: error: m");
  EXPECT_EQ(format(make(Severity::error, {}, "", "m", ""), "x\x1b]0;title\x07.json"),
            "x\\x1B]0;title\\x07.json: error: m");
}

TEST(DiagnosticFormat, ControlCharactersInTheMessageAndHintAreEscaped) {
  const Diagnostic d = make(Severity::warning, {2, 3}, "namespace", "'a\tb' is\x7f odd\r", "use\x01 'ab'\n");
  EXPECT_EQ(format(d, "f"), "f:2:3: warning: namespace: 'a\\tb' is\\x7F odd\\r (use\\x01 'ab'\\n)");
}

TEST(DiagnosticFormat, InputCannotForgeASecondDiagnostic) {
  const Diagnostic d = make(Severity::error, {1, 1}, "sel[\"x\nf:9:9: error: forged\"]",
                            "label key 'x\nf:9:9: error: forged' is not valid", "fix it\nf:9:9: error: forged");
  const std::string line = format(d, "f");
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  EXPECT_EQ(line.find('\r'), std::string::npos) << line;
  EXPECT_EQ(line,
            "f:1:1: error: sel[\"x\\nf:9:9: error: forged\"]: label key 'x\\nf:9:9: error: forged' is not valid "
            "(fix it\\nf:9:9: error: forged)");
}

TEST(DiagnosticFormat, InvalidUtf8IsEscapedByteByByte) {
  const Diagnostic d = make(Severity::error, {1, 2}, "a\xff", "'\xc3' is cut", "\xc0\xaf is overlong");
  EXPECT_EQ(format(d, "f\xfe"), "f\\xFE:1:2: error: a\\xFF: '\\xC3' is cut (\\xC0\\xAF is overlong)");
  // A surrogate encoded in UTF-8 and a code point past U+10FFFF are not UTF-8 either.
  EXPECT_EQ(format(make(Severity::error, {}, "", "\xed\xa0\x80|\xf4\x90\x80\x80", ""), "f"),
            "f: error: \\xED\\xA0\\x80|\\xF4\\x90\\x80\\x80");
}

TEST(DiagnosticFormat, C1ControlsSeparatorsAndBidiControlsAreEscaped) {
  // U+0085 NEL, U+009B CSI (an escape sequence on many terminals), U+2028 LINE SEPARATOR,
  // U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LEFT-TO-RIGHT ISOLATE: valid UTF-8, all escaped.
  const Diagnostic d = make(Severity::error, {1, 1}, "", "a\u0085b\u009b31mc\u2028d\u202ee\u2066f", "");
  EXPECT_EQ(format(d, "f"), "f:1:1: error: a\\u0085b\\u009B31mc\\u2028d\\u202Ee\\u2066f");
  // Their neighbours are ordinary text and stay.
  EXPECT_EQ(format(make(Severity::error, {}, "", "\u00a0\u00e9\u2027\u202f", ""), "f"),
            "f: error: \u00a0\u00e9\u2027\u202f");
}

TEST(DiagnosticFormat, ValidUtf8AndPrintableTextAreKept) {
  const Diagnostic d = make(Severity::error, {1, 2}, "sel[\"é/€\"]", "'😀' is not valid", "use 'ü' \\ \"q\"");
  EXPECT_EQ(format(d, "ñ.yaml"), "ñ.yaml:1:2: error: sel[\"é/€\"]: '😀' is not valid (use 'ü' \\ \"q\")");
}

// ---------------------------------------------------------------------------------------------
// DiagnosticJson

TEST(DiagnosticJson, EveryFieldInOrder) {
  const Diagnostic d = make(Severity::error, {1, 15}, "namespace", "must be a string, found a number (5)",
                            "e.g. namespace: amlarc-testing");
  const nlohmann::ordered_json object = to_json(d, "<stdin>");
  EXPECT_EQ(object.dump(),
            R"j({"file":"<stdin>","line":1,"column":15,"severity":"error","path":"namespace",)j"
            R"j("message":"must be a string, found a number (5)","hint":"e.g. namespace: amlarc-testing"})j");
  EXPECT_TRUE(object["line"].is_number_integer());
  EXPECT_TRUE(object["column"].is_number_integer());
}

TEST(DiagnosticJson, WarningWithoutPositionPathOrHint) {
  const nlohmann::ordered_json object = to_json(make(Severity::warning, {}, "", "m", ""), "f.json");
  EXPECT_EQ(object.dump(),
            R"({"file":"f.json","line":0,"column":0,"severity":"warning","path":"","message":"m","hint":""})");
}

TEST(DiagnosticJson, EscapesQuotesInPaths) {
  const Diagnostic d = make(Severity::error, {4, 7}, R"(instanceTypes.a.nodeSelector["Bad Key"])", "m", "h");
  EXPECT_EQ(to_json(d, "f")["path"], R"(instanceTypes.a.nodeSelector["Bad Key"])");
  EXPECT_THAT(to_json(d, "f").dump(), ::testing::HasSubstr(R"("path":"instanceTypes.a.nodeSelector[\"Bad Key\"]")"));
}

// ---------------------------------------------------------------------------------------------
// HasErrors

TEST(HasErrors, OnlyErrorsCount) {
  EXPECT_FALSE(has_errors({}));
  EXPECT_FALSE(has_errors({make(Severity::warning, {}, "", "w", "")}));
  EXPECT_FALSE(has_errors({make(Severity::warning, {}, "", "w", ""), make(Severity::warning, {}, "", "w", "")}));
  EXPECT_TRUE(has_errors({make(Severity::warning, {}, "", "w", ""), make(Severity::error, {}, "", "e", "")}));
  EXPECT_TRUE(has_errors({make(Severity::error, {}, "", "e", "")}));
}

// ---------------------------------------------------------------------------------------------
// JoinPath

TEST(JoinPath, PlainKeysJoinWithDots) {
  EXPECT_EQ(join_path("", "namespace"), "namespace");
  EXPECT_EQ(join_path("instanceTypes", "gpu_instance"), "instanceTypes.gpu_instance");
  EXPECT_EQ(join_path("instanceTypes.a", "resources"), "instanceTypes.a.resources");
  EXPECT_EQ(join_path("x", "big-cpu-2"), "x.big-cpu-2");
  EXPECT_EQ(join_path("x", "-a"), "x.-a");
  EXPECT_EQ(join_path("x", "9"), "x.9");
}

TEST(JoinPath, OtherKeysAreQuotedInBrackets) {
  EXPECT_EQ(join_path("instanceTypes.gpu.resources.limits", "nvidia.com/gpu"),
            R"(instanceTypes.gpu.resources.limits["nvidia.com/gpu"])");
  EXPECT_EQ(join_path("sel", "Bad Key"), R"(sel["Bad Key"])");
  EXPECT_EQ(join_path("sel", "a.b"), R"(sel["a.b"])");
  EXPECT_EQ(join_path("sel", ""), R"(sel[""])");
  EXPECT_EQ(join_path("sel", "é"), R"(sel["é"])");
  EXPECT_EQ(join_path("", "nvidia.com/gpu"), R"(["nvidia.com/gpu"])");
}

TEST(JoinPath, QuotesAndBackslashesAreEscaped) {
  EXPECT_EQ(join_path("m", R"(a"b)"), R"(m["a\"b"])");
  EXPECT_EQ(join_path("m", R"(a\b)"), R"(m["a\\b"])");
}

TEST(JoinPath, Chains) {
  const std::string path = join_path(join_path(join_path("instanceTypes", "gpu"), "resources"), "nvidia.com/gpu");
  EXPECT_EQ(path, R"(instanceTypes.gpu.resources["nvidia.com/gpu"])");
  EXPECT_EQ(join_path(path, "next"), R"(instanceTypes.gpu.resources["nvidia.com/gpu"].next)");
}

}  // namespace
}  // namespace azureml::config
