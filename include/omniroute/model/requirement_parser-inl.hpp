// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#ifndef OMNIROUTE_MODEL_REQUIREMENT_PARSER_INL_HPP
#define OMNIROUTE_MODEL_REQUIREMENT_PARSER_INL_HPP

#ifndef OMNIROUTE_HEADER_ONLY
#include <omniroute/model/requirement_parser.hpp>
#endif

#include <omniroute/model/requirement-inl.hpp>

#include <charconv>
#include <cmath>
#include <system_error>
#include <utility>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE

namespace detail {

enum class token_kind : std::uint8_t {
  end,
  word,    // [A-Za-z0-9_.-]+: names, levels, bare values, keywords
  string,  // "..." with \" and \\ escapes
  lparen,
  rparen,
  lbrace,
  rbrace,
  comma,
  semicolon,
  colon,
  amp,
  pipe,
  bang,
  star,
  eq,
  ne,
  ge,
  gt,
  le,
  lt,
  error,  // a character or construct no token starts with; `text` says why
};

struct source_position {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

struct token {
  token_kind kind = token_kind::end;
  std::string_view text;  // the source text
  std::string value;      // a string token's decoded contents; an error token's message
  source_position at;
};

inline bool is_word_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

inline bool is_compare(token_kind k) noexcept {
  return k == token_kind::eq || k == token_kind::ne || k == token_kind::ge ||
         k == token_kind::gt || k == token_kind::le || k == token_kind::lt;
}

// A hand-written scanner over the whole text; copyable, so the parser can look ahead.
class requirement_lexer {
 public:
  explicit requirement_lexer(std::string_view text) noexcept : text_(text) {}

  token next() {
    skip_space();
    token t;
    t.at = here_;
    if (pos_ >= text_.size()) return t;
    const std::size_t start = pos_;
    const char c = text_[pos_];
    const auto single = [&](token_kind k) {
      advance(1);
      t.kind = k;
      t.text = text_.substr(start, 1);
      return t;
    };
    const auto maybe_pair = [&](token_kind one, token_kind two) {
      const bool pair = pos_ + 1 < text_.size() && text_[pos_ + 1] == '=';
      advance(pair ? 2 : 1);
      t.kind = pair ? two : one;
      t.text = text_.substr(start, pos_ - start);
      return t;
    };
    switch (c) {
      case '(': return single(token_kind::lparen);
      case ')': return single(token_kind::rparen);
      case '{': return single(token_kind::lbrace);
      case '}': return single(token_kind::rbrace);
      case ',': return single(token_kind::comma);
      case ';': return single(token_kind::semicolon);
      case ':': return single(token_kind::colon);
      case '&': return single(token_kind::amp);
      case '|': return single(token_kind::pipe);
      case '*': return single(token_kind::star);
      case '!': return maybe_pair(token_kind::bang, token_kind::ne);
      case '>': return maybe_pair(token_kind::gt, token_kind::ge);
      case '<': return maybe_pair(token_kind::lt, token_kind::le);
      case '=': {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '=') {
          advance(2);
          t.kind = token_kind::eq;
          t.text = text_.substr(start, 2);
          return t;
        }
        advance(1);
        t.kind = token_kind::error;
        t.text = text_.substr(start, 1);
        t.value = "'=' is not an operator (equality is '==')";
        return t;
      }
      case '"': return string_token(t);
      default: break;
    }
    if (is_word_char(c)) {
      std::size_t n = 0;
      while (pos_ + n < text_.size() && is_word_char(text_[pos_ + n])) ++n;
      advance(n);
      t.kind = token_kind::word;
      t.text = text_.substr(start, n);
      return t;
    }
    advance(1);
    t.kind = token_kind::error;
    t.text = text_.substr(start, 1);
    t.value = "unexpected character " + describe_char(c);
    return t;
  }

  static std::string describe_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7F) return std::string("'") + c + "'";
    static const char digits[] = "0123456789ABCDEF";
    return std::string("(byte 0x") + digits[u >> 4] + digits[u & 15] + ")";
  }

  // After ':' in a prefer list: the longest run of word characters and '+' (a weight may print
  // as 1e+20; a run like 1.5x is one malformed weight, not a weight and a name).
  token number() {
    skip_space();
    token t;
    t.at = here_;
    const std::size_t start = pos_;
    std::size_t n = 0;
    while (pos_ + n < text_.size()) {
      const char c = text_[pos_ + n];
      if (!is_word_char(c) && c != '+') break;
      ++n;
    }
    advance(n);
    t.kind = n == 0 ? token_kind::end : token_kind::word;
    t.text = text_.substr(start, n);
    return t;
  }

 private:
  void advance(std::size_t n) noexcept {
    for (std::size_t i = 0; i < n && pos_ < text_.size(); ++i, ++pos_) {
      if (text_[pos_] == '\n') {
        ++here_.line;
        here_.column = 1;
      } else {
        ++here_.column;
      }
    }
  }

  void skip_space() noexcept {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
        advance(1);
      } else if (c == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') advance(1);
      } else {
        break;
      }
    }
  }

  token string_token(token& t) {
    const std::size_t start = pos_;
    advance(1);
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        advance(1);
        t.kind = token_kind::string;
        t.text = text_.substr(start, pos_ - start);
        return std::move(t);
      }
      if (c == '\\') {
        if (pos_ + 1 < text_.size() && (text_[pos_ + 1] == '"' || text_[pos_ + 1] == '\\')) {
          t.value += text_[pos_ + 1];
          advance(2);
          continue;
        }
        t.kind = token_kind::error;
        t.text = text_.substr(start, pos_ - start);
        t.value = "in a quoted value, '\\' may only escape '\"' or '\\'";
        return std::move(t);
      }
      t.value += c;
      advance(1);
    }
    t.kind = token_kind::error;
    t.text = text_.substr(start, pos_ - start);
    t.value = "unterminated quoted value";
    return std::move(t);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  source_position here_;
};

class requirement_parser {
 public:
  using node = requirement::node;
  using kind = requirement::node_kind;

  requirement_parser(std::string_view text, const skill_registry& registry)
      : registry_(registry), lexer_(text) {
    tok_ = lexer_.next();
  }

  result<requirement> run(parse_diagnostic* diagnostic) {
    diagnostic_ = diagnostic;
    if (diagnostic_ != nullptr) *diagnostic_ = parse_diagnostic{};
    if (tok_.kind == token_kind::star) {
      advance();
    } else if (tok_.kind != token_kind::end && tok_.kind != token_kind::semicolon) {
      if (!parse_or()) return error_;
    }
    bool preferences = false;
    if (tok_.kind == token_kind::semicolon) {
      advance();
      if (!parse_prefer()) return error_;
      preferences = true;
    }
    if (tok_.kind != token_kind::end) {
      fail(errc::parse_error, tok_,
           preferences ? "',' or the end of the requirement"
                       : "'&', '|', ';' or the end of the requirement");
      return error_;
    }
    requirement r = requirement_access::make(std::move(nodes_), std::move(unknown_values_),
                                             std::move(preferred_));
    const requirement_access::problem p = requirement_access::find_problem(r, &registry_);
    if (p.code != errc{}) {
      const source_position at = p.node < positions_.size() ? positions_[p.node] : preferred_at_;
      fail_at(p.code, at, "a requirement some agent can meet", p.message);
      return error_;
    }
    return r;
  }

 private:
  // -- Errors. ------------------------------------------------------------------------------

  // Records the error; always returns false, so grammar functions can `return fail...`.
  bool fail_at(errc code, source_position at, std::string expected, const std::string& message) {
    error_ = code;
    if (diagnostic_ != nullptr) {
      diagnostic_->line = at.line;
      diagnostic_->column = at.column;
      diagnostic_->expected = std::move(expected);
      diagnostic_->message = "line " + std::to_string(at.line) + ", column " +
                             std::to_string(at.column) + ": " + message;
    }
    return false;
  }

  // "expected X after 'Y', found 'Z'" at token `at`, or the token's own complaint when it is a
  // lexical error.
  bool fail(errc code, const token& at, const std::string& expected,
            std::string_view after = {}) {
    std::string message;
    if (at.kind == token_kind::error) {
      message = at.value + "; expected " + expected;
    } else {
      message = "expected " + expected;
      if (!after.empty()) {
        message += " after '";
        message += after;
        message += "'";
      }
      message += ", found " + describe(at);
    }
    return fail_at(code, at.at, expected, message);
  }

  static std::string describe(const token& t) {
    switch (t.kind) {
      case token_kind::end: return "the end of the requirement";
      case token_kind::string: return "a quoted value";
      default: {
        const std::string_view text = t.text.substr(0, 40);
        return "'" + std::string(text) + (t.text.size() > 40 ? "...'" : "'");
      }
    }
  }

  // -- Tokens. ------------------------------------------------------------------------------

  void advance() { tok_ = lexer_.next(); }

  token peek() const {
    requirement_lexer copy = lexer_;
    return copy.next();
  }

  bool at_word(std::string_view w) const noexcept {
    return tok_.kind == token_kind::word && tok_.text == w;
  }

  // -- Nodes. -------------------------------------------------------------------------------

  void push(node n, source_position at) {
    nodes_.push_back(n);
    positions_.push_back(at);
  }

  void insert_head(std::size_t at, kind k, source_position where) {
    node head;
    head.kind = k;
    nodes_.insert(nodes_.begin() + static_cast<std::ptrdiff_t>(at), head);
    positions_.insert(positions_.begin() + static_cast<std::ptrdiff_t>(at), where);
  }

  // An operand of a `k` list that is itself a `k` (from parentheses or sugar) gives its
  // operands to the list: its head is dropped.
  void flatten(std::size_t operand, kind k) {
    if (nodes_[operand].kind != k) return;
    nodes_.erase(nodes_.begin() + static_cast<std::ptrdiff_t>(operand));
    positions_.erase(positions_.begin() + static_cast<std::ptrdiff_t>(operand));
  }

  void close(std::size_t head) {
    nodes_[head].size = static_cast<std::uint32_t>(nodes_.size() - head);
  }

  value_id value_of(std::string_view text) {
    if (const std::optional<value_id> v = registry_.find_value(text)) return *v;
    for (std::size_t i = 0; i < unknown_values_.size(); ++i) {
      if (unknown_values_[i] == text) {
        return requirement::unknown_value_base + static_cast<value_id>(i);
      }
    }
    unknown_values_.emplace_back(text);
    return requirement::unknown_value_base + static_cast<value_id>(unknown_values_.size() - 1);
  }

  // -- Grammar. -----------------------------------------------------------------------------

  // or := and ('|' and)*
  bool parse_or() {
    return parse_list(kind::disjunction, token_kind::pipe, &requirement_parser::parse_and);
  }

  // and := unary ('&' unary)*
  bool parse_and() {
    return parse_list(kind::conjunction, token_kind::amp, &requirement_parser::parse_unary);
  }

  bool parse_list(kind k, token_kind separator, bool (requirement_parser::*operand)()) {
    const std::size_t head = nodes_.size();
    const source_position where = tok_.at;
    if (!(this->*operand)()) return false;
    if (tok_.kind != separator) return true;
    insert_head(head, k, where);
    flatten(head + 1, k);
    while (tok_.kind == separator) {
      advance();
      const std::size_t next = nodes_.size();
      if (!(this->*operand)()) return false;
      flatten(next, k);
    }
    close(head);
    return true;
  }

  // unary := '!' unary | primary
  bool parse_unary() {
    // The first frame is the top-level operand; each '(' or '!' adds one.
    if (depth_ > requirement::max_parse_depth) {
      return fail_at(errc::parse_error, tok_.at, "a shallower expression",
                     "expression nested too deeply (more than " +
                         std::to_string(requirement::max_parse_depth) + " levels of '(' and '!')");
    }
    ++depth_;
    bool ok;
    if (tok_.kind == token_kind::bang) {
      const std::size_t head = nodes_.size();
      insert_head(head, kind::negation, tok_.at);
      advance();
      ok = parse_unary();
      if (ok) close(head);
    } else {
      ok = parse_primary();
    }
    --depth_;
    return ok;
  }

  static constexpr const char* operand_expected =
      "a skill or attribute name, '!', '(', 'all{', 'any{' or 'none{'";

  bool parse_primary() {
    if (tok_.kind == token_kind::lparen) {
      const token open = tok_;
      advance();
      if (!parse_or()) return false;
      if (tok_.kind != token_kind::rparen) {
        return fail(errc::parse_error, tok_,
                    "'&', '|' or ')' (closing the '(' at line " + std::to_string(open.at.line) +
                        ", column " + std::to_string(open.at.column) + ")",
                    {});
      }
      advance();
      return true;
    }
    if (tok_.kind != token_kind::word) {
      return fail(errc::parse_error, tok_, operand_expected);
    }
    if ((at_word("all") || at_word("any") || at_word("none")) &&
        peek().kind == token_kind::lbrace) {
      return parse_sugar();
    }
    const token name = tok_;
    if (!skill_registry::is_valid_name(name.text)) {
      return fail(errc::parse_error, name, operand_expected);
    }
    if (const std::optional<skill_id> s = registry_.find_skill(name.text)) {
      advance();
      return parse_skill(*s, name);
    }
    if (const std::optional<attribute_id> a = registry_.find_attribute(name.text)) {
      advance();
      return parse_attribute(*a, name);
    }
    advance();
    return unknown_name(name);
  }

  // A name the registry does not know: an attribute if what follows reads like one.
  bool unknown_name(const token& name) {
    bool attribute_like = at_word("in");
    if (tok_.kind == token_kind::eq || tok_.kind == token_kind::ne) {
      const token after = peek();
      attribute_like = after.kind == token_kind::string ||
                       (after.kind == token_kind::word && !is_digits(after.text));
    }
    const std::string text(name.text);
    if (attribute_like) {
      return fail_at(errc::unknown_attribute, name.at, "an attribute name",
                     "unknown attribute '" + text + "'");
    }
    return fail_at(errc::unknown_skill, name.at, "a skill or attribute name",
                   "unknown skill '" + text + "'");
  }

  static bool is_digits(std::string_view s) noexcept {
    if (s.empty()) return false;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  // NAME [op LEVEL] for a skill.
  bool parse_skill(skill_id s, const token& name) {
    node n;
    n.kind = kind::skill_compare;
    n.id = s;
    n.op = compare_op::ge;
    n.level = 1;
    if (is_compare(tok_.kind)) {
      const token op = tok_;
      switch (op.kind) {
        case token_kind::ge: n.op = compare_op::ge; break;
        case token_kind::gt: n.op = compare_op::gt; break;
        case token_kind::le: n.op = compare_op::le; break;
        case token_kind::lt: n.op = compare_op::lt; break;
        case token_kind::eq: n.op = compare_op::eq; break;
        default: n.op = compare_op::ne; break;
      }
      advance();
      if (tok_.kind != token_kind::word || !is_digits(tok_.text)) {
        return fail(errc::parse_error, tok_, "a skill level (0..10)", op.text);
      }
      int level = 0;
      for (char c : tok_.text) level = std::min(level * 10 + (c - '0'), 1000);
      if (level > max_skill_level) {
        return fail_at(errc::invalid_argument, tok_.at, "a skill level (0..10)",
                       "skill level " + describe(tok_) + " is out of range (0..10)");
      }
      n.level = level;
      advance();
    } else if (at_word("in")) {
      return fail_at(errc::parse_error, tok_.at,
                     "a comparison (>=, >, <=, <, ==, !=) or '&', '|', ')', ';' or the end",
                     "'" + std::string(name.text) +
                         "' is a skill: compare it with a level (e.g. '" + std::string(name.text) +
                         " >= 3'); 'in' takes an enumeration attribute");
    }
    push(n, name.at);
    return true;
  }

  // NAME for a boolean attribute; NAME in {values} | NAME (== | !=) VALUE for an enumeration.
  bool parse_attribute(attribute_id a, const token& name) {
    const std::string text(name.text);
    if (registry_.kind(a) == attribute_kind::boolean) {
      if (is_compare(tok_.kind) || at_word("in")) {
        return fail_at(errc::parse_error, tok_.at, "'&', '|', ')', ';' or the end",
                       "'" + text + "' is a boolean attribute: write '" + text + "' or '!" + text +
                           "', without " + describe(tok_));
      }
      node n;
      n.kind = kind::boolean_attribute;
      n.id = a;
      push(n, name.at);
      return true;
    }
    if (at_word("in")) {
      advance();
      if (tok_.kind != token_kind::lbrace) {
        return fail(errc::parse_error, tok_, "'{'", "in");
      }
      advance();
      const std::size_t head = nodes_.size();
      node h;
      h.kind = kind::attribute_in;
      h.id = a;
      push(h, name.at);
      while (true) {
        if (tok_.kind != token_kind::word && tok_.kind != token_kind::string) {
          return fail(errc::parse_error, tok_, "a value of '" + text + "'");
        }
        node v;
        v.kind = kind::value;
        v.value = value_of(value_text(tok_));
        push(v, tok_.at);
        advance();
        if (tok_.kind == token_kind::rbrace) break;
        if (tok_.kind != token_kind::comma) {
          return fail(errc::parse_error, tok_, "',' or '}'");
        }
        advance();
      }
      advance();
      close(head);
      return true;
    }
    if (tok_.kind == token_kind::eq || tok_.kind == token_kind::ne) {
      const token op = tok_;
      advance();
      if (tok_.kind != token_kind::word && tok_.kind != token_kind::string) {
        return fail(errc::parse_error, tok_, "a value of '" + text + "'",
                    op.text);
      }
      node n;
      n.kind = op.kind == token_kind::eq ? kind::attribute_equals : kind::attribute_not_equals;
      n.id = a;
      n.value = value_of(value_text(tok_));
      push(n, name.at);
      advance();
      return true;
    }
    return fail(errc::parse_error, tok_, "'in', '==' or '!='",
                name.text);
  }

  static std::string_view value_text(const token& t) noexcept {
    return t.kind == token_kind::string ? std::string_view(t.value) : t.text;
  }

  // all{names} | any{names} | none{names}
  bool parse_sugar() {
    const token keyword = tok_;
    advance();  // the keyword
    advance();  // '{'
    const kind k = keyword.text == "any" ? kind::disjunction : kind::conjunction;
    const bool negate = keyword.text == "none";
    const std::size_t head = nodes_.size();
    std::size_t count = 0;
    while (true) {
      if (tok_.kind != token_kind::word || !skill_registry::is_valid_name(tok_.text)) {
        return fail(errc::parse_error, tok_, "a skill name");
      }
      const std::optional<skill_id> s = registry_.find_skill(tok_.text);
      if (!s) {
        const std::string text(tok_.text);
        if (registry_.find_attribute(tok_.text)) {
          return fail_at(errc::parse_error, tok_.at, "a skill name",
                         "'" + text + "' is an attribute; " + std::string(keyword.text) +
                             "{..} takes skills");
        }
        return fail_at(errc::unknown_skill, tok_.at, "a skill name",
                       "unknown skill '" + text + "'");
      }
      if (negate) {
        node neg;
        neg.kind = kind::negation;
        neg.size = 2;
        push(neg, tok_.at);
      }
      node n;
      n.kind = kind::skill_compare;
      n.id = *s;
      n.op = compare_op::ge;
      n.level = 1;
      push(n, tok_.at);
      ++count;
      advance();
      if (tok_.kind == token_kind::rbrace) break;
      if (tok_.kind != token_kind::comma) {
        return fail(errc::parse_error, tok_, "',' or '}'");
      }
      advance();
    }
    advance();
    if (count > 1) {
      insert_head(head, k, keyword.at);
      close(head);
    }
    return true;
  }

  // ';' prefer NAME[:weight] {, NAME[:weight]}
  bool parse_prefer() {
    if (!at_word("prefer")) {
      return fail(errc::parse_error, tok_, "'prefer'", ";");
    }
    advance();
    while (true) {
      if (tok_.kind != token_kind::word || !skill_registry::is_valid_name(tok_.text)) {
        return fail(errc::parse_error, tok_, "a skill name");
      }
      const token name = tok_;
      const std::optional<skill_id> s = registry_.find_skill(name.text);
      if (!s) {
        const std::string text(name.text);
        if (registry_.find_attribute(name.text)) {
          return fail_at(errc::parse_error, name.at, "a skill name",
                         "'" + text + "' is an attribute; only skills can be preferred");
        }
        return fail_at(errc::unknown_skill, name.at, "a skill name",
                       "unknown skill '" + text + "'");
      }
      double weight = 1.0;
      tok_ = lexer_.next();
      if (tok_.kind == token_kind::colon) {
        const token number = lexer_.number();
        const char* first = number.text.data();
        const char* last = first + number.text.size();
        const std::from_chars_result r =
            number.kind == token_kind::word ? std::from_chars(first, last, weight)
                                            : std::from_chars_result{first, std::errc::invalid_argument};
        if (r.ec == std::errc::result_out_of_range) {
          return fail_at(errc::invalid_argument, number.at, "a weight (a number >= 0)",
                         "weight '" + std::string(number.text) + "' is out of range");
        }
        if (r.ec != std::errc{} || r.ptr != last) {
          token shown = number;
          if (number.kind == token_kind::end) shown = peek();
          return fail(errc::parse_error, shown, "a weight (a number >= 0)", ":");
        }
        if (!(weight >= 0) || !std::isfinite(weight)) {
          return fail_at(errc::invalid_argument, number.at, "a weight (a number >= 0)",
                         "weight " + std::string(number.text) + " of '" +
                             std::string(name.text) + "' must be >= 0");
        }
        tok_ = lexer_.next();
      }
      // prefer(): a repeated skill takes the later weight and keeps its place.
      bool found = false;
      for (auto& entry : preferred_) {
        if (entry.first == *s) {
          entry.second = weight;
          found = true;
        }
      }
      if (!found) preferred_.emplace_back(*s, weight);
      if (tok_.kind != token_kind::comma) return true;
      advance();
    }
  }

  const skill_registry& registry_;
  requirement_lexer lexer_;
  token tok_;
  std::vector<node> nodes_;
  std::vector<source_position> positions_;  // where each node's text starts
  std::vector<std::string> unknown_values_;
  std::vector<std::pair<skill_id, double>> preferred_;
  source_position preferred_at_;
  std::size_t depth_ = 0;
  parse_diagnostic* diagnostic_ = nullptr;
  errc error_ = errc::parse_error;
};

}  // namespace detail

OMNIROUTE_INLINE result<requirement> parse_requirement(std::string_view text,
                                                       const skill_registry& registry,
                                                       parse_diagnostic* diagnostic) {
  detail::requirement_parser parser(text, registry);
  return parser.run(diagnostic);
}

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_MODEL_REQUIREMENT_PARSER_INL_HPP
