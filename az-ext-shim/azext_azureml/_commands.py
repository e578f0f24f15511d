"""The az command table, built from the binary's own description of its verbs (``__describe``),
so every verb, option, default and help text appears in az with no second list to maintain.

az conventions applied: a verb's NAME argument is ``--name/-n``; the kubectl namespace option is
``--namespace`` with no short form (az's ``-n`` is the name) and a destination other than
``namespace``, which az reserves; az's own global options (``--subscription``, ``--output``,
``--verbose``, ``--help``) replace the binary's.
"""

import shlex

from knack.arguments import CLICommandArgument

AZ_OWNS = {"subscription", "output", "verbose", "help"}  # az's global options stand in for these
AZ_SHORT_RESERVED = {"o", "h"}
SHELL_OPERATORS = {"<", ">", "|", ">>", "2>&1"}
LIST_TYPES = {"stringList"}  # __describe's name for a repeatable option  # an example's redirections stay unquoted


# Destinations az gives meaning of its own: `namespace` is reserved; `location` would take
# az's configured default region (az configure --defaults location=...), which the kubectl
# plugin never would.
RENAMED = {"namespace": "kube_namespace", "location": "compute_location"}


def destination(option):
    """The Python name az gives the option's value."""
    return RENAMED.get(option["name"], option["name"].replace("-", "_"))


def az_options(verb):
    """(destination, option) for each option of the verb as az presents it; NAME first."""
    out = []
    positional = verb.get("positional")
    if positional:
        out.append(("name", {"name": "name", "short": "n", "type": "string", "valueName": positional["name"],
                             "default": None, "choices": [], "required": bool(positional.get("required")),
                             "repeatable": False, "help": positional.get("help", ""), "positional": True}))
    for option in verb.get("options", []):
        if option["name"] in AZ_OWNS:
            continue
        option = dict(option)
        if option["name"] == "namespace":
            option["short"] = None
        elif option["name"] == "name":
            option["short"] = "n"
        if option.get("short") in AZ_SHORT_RESERVED:
            option["short"] = None
        out.append((destination(option), option))
    return out


def argument(dest, option):
    """The CLICommandArgument for one option."""
    names = ["--" + option["name"]] + (["-" + option["short"]] if option.get("short") else [])
    help_text = option.get("help", "")
    if option.get("default") not in (None, ""):
        help_text += " Default: {}.".format(option["default"])
    settings = {"options_list": names, "help": help_text, "required": bool(option.get("required"))}
    kind = option.get("type")
    if kind == "flag":
        settings.update(action="store_true", default=None)
    elif kind in LIST_TYPES:
        # `--config a=1 b=2 --config c=3`: az's parser keeps each use as a list of its own.
        settings.update(nargs="+", action="append", metavar=option.get("valueName") or None)
    else:
        settings["metavar"] = option.get("valueName") or None
        if kind == "integer":
            settings["type"] = int
        elif kind == "choice":
            settings["choices"] = option.get("choices") or None
    return dest, CLICommandArgument(dest, **settings)


def arguments(verb):
    return [argument(dest, option) for dest, option in az_options(verb)]


def command_line(verb, values):
    """The binary's arguments for the values az parsed: the verb's words, NAME, then each option given."""
    argv = verb["name"].split()
    for dest, option in az_options(verb):
        value = values.get(dest)
        if value is None or value is False:
            continue
        if option.get("positional"):
            argv.append(str(value))
        elif option.get("type") == "flag":
            argv.append("--" + option["name"])
        elif option.get("type") in LIST_TYPES:
            for group in value:
                for item in (group if isinstance(group, list) else [group]):
                    argv += ["--" + option["name"], str(item)]
        else:
            argv += ["--" + option["name"], str(value)]
    return argv


def az_example(verb, arguments_text):
    """A kubectl example ("attach arc -w ws -n ns") as az writes it ("az azureml attach --name arc -w ws --namespace ns")."""
    words = shlex.split(arguments_text)
    verb_words = verb["name"].split()
    rest = words[len(verb_words):] if words[:len(verb_words)] == verb_words else words
    by_flag = {}
    for option in verb.get("options", []):
        by_flag["--" + option["name"]] = option
        if option.get("short"):
            by_flag["-" + option["short"]] = option
    out = ["az", "azureml"] + verb_words
    takes_name = bool(verb.get("positional"))
    index = 0
    while index < len(rest):
        token = rest[index]
        if token.startswith("-"):
            flag, _, inline = token.partition("=")
            option = by_flag.get(flag)
            if option and option["name"] == "namespace":
                flag = "--namespace"
            out.append(flag + ("=" + inline if inline else ""))
            if option and option.get("type") != "flag" and not inline and index + 1 < len(rest):
                out.append(rest[index + 1])
                index += 1
        elif takes_name:
            out += ["--name", token]
            takes_name = False
        else:
            out.append(token)
        index += 1
    return " ".join(token if token in SHELL_OPERATORS else shlex.quote(token) for token in out)


def help_entry(verb):
    """The help az shows: summary, description, examples in az's syntax (YAML, as az's helps take it)."""
    import yaml  # az depends on PyYAML

    entry = {"type": "command", "short-summary": verb.get("summary", "")}
    if verb.get("description"):
        entry["long-summary"] = verb["description"]
    examples = [{"name": example["description"], "text": az_example(verb, example["arguments"])}
                for example in verb.get("examples", [])]
    if examples:
        entry["examples"] = examples
    return yaml.safe_dump(entry, sort_keys=False, width=1000)
