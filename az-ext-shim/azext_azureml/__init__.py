"""az azureml: the Azure CLI face of kubectl-azureml. Every command runs the same binary the
kubectl plugin is, in JSON mode, with the user's az login: the ARM token goes to it through
its environment (never its arguments), with the subscription az resolved and the cloud's ARM
endpoint. Results come back as JSON for -o and --query; exit codes are the binary's."""

import os
import signal

from azure.cli.core import AzCommandsLoader
from knack.events import EVENT_CLI_SUCCESSFUL_EXECUTE
from knack.help_files import helps
from knack.log import get_logger
from knack.util import CLIError

from . import _binary, _commands

logger = get_logger(__name__)

GROUP_HELP = """
type: group
short-summary: Install the Azure Machine Learning extension on Kubernetes clusters and attach them to workspaces; manage compute clusters.
"""


def _token_environment(cmd):
    """The variables that give the binary the user's az login, subscription and cloud."""
    from azure.cli.core._profile import Profile

    profile = Profile(cli_ctx=cmd.cli_ctx)
    subscription = cmd.cli_ctx.data.get("subscription_id") or profile.get_subscription_id()
    credentials, _, _ = profile.get_raw_token(subscription=subscription)
    return {
        "AZUREML_ARM_TOKEN": credentials[1],
        "AZURE_SUBSCRIPTION_ID": subscription,
        "AZUREML_ARM_ENDPOINT": cmd.cli_ctx.cloud.endpoints.resource_manager.rstrip("/"),
    }


def _verbose(cmd):
    from knack.log import CliLogLevel

    level = getattr(getattr(cmd.cli_ctx, "logging", None), "log_level", None)
    return level is not None and level >= CliLogLevel.INFO


def _exit(code):
    raise SystemExit(code)


def _error_class(code):
    from azure.cli.core import azclierror

    return {2: azclierror.ValidationError, 3: azclierror.AuthenticationError, 4: azclierror.ResourceNotFoundError,
            5: azclierror.AzureResponseError, 130: azclierror.ManualInterrupt}.get(code, azclierror.UnclassifiedUserFault)


def _handler(loader, verb):
    online = verb.get("online", False)

    def handler(command_args):
        cmd = command_args.pop("cmd")
        binary = loader.binary()
        argv = _commands.command_line(verb, command_args)
        if _verbose(cmd):
            argv.append("-v")  # az --verbose / --debug: the binary logs its HTTP exchanges (redacted)
        environment = dict(os.environ)
        environment["AZUREML_FRONT_END"] = "az"  # the commands its messages suggest are az's
        if online:
            environment.update(_token_environment(cmd))
        # Ctrl-C reaches the binary from the terminal: it stops at a safe point and says what it did.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            code, result, error = _binary.run(binary, argv, environment)
        finally:
            signal.signal(signal.SIGINT, previous)
        if code != 0 and (error or result is None):
            _error_class(code)(error or "{} exited {}".format(verb["name"], code)).print_error()
            raise SystemExit(code)
        if code != 0:
            # A result and a failure at once (doctor with a failing check): az prints the result,
            # then the command ends with the binary's exit code.
            cmd.cli_ctx.register_event(EVENT_CLI_SUCCESSFUL_EXECUTE, lambda *_, **__: _exit(code))
        return result

    return handler


class AzureMLCommandsLoader(AzCommandsLoader):
    def __init__(self, cli_ctx=None):
        super().__init__(cli_ctx=cli_ctx)
        self._binary = None
        self._table = None
        self._problem = None

    def binary(self):
        if self._problem:
            raise self._problem
        return self._binary

    def _describe(self):
        if self._table is None and self._problem is None:
            try:
                self._binary = _binary.find_binary()
                self._table = _binary.describe(self._binary)
            except CLIError as problem:
                self._problem = problem
        return self._table

    def load_command_table(self, args):
        helps["azureml"] = GROUP_HELP
        table = self._describe()
        if table is None:
            # No usable binary: the commands still exist (from the description bundled at build
            # time), and each says what is wrong with the binary when run.
            logger.debug("azureml: %s", self._problem)
            table = _binary.bundled_describe()
        # Help texts only when help is asked for: making them costs more than the rest.
        wants_help = not args or any(arg in ("-h", "--help") for arg in args)
        for verb in table.get("verbs", []):
            if verb["name"] == "help":
                continue  # az has its own
            name = "azureml " + verb["name"]
            self._cli_command(name, handler=_handler(self, verb),
                              argument_loader=lambda verb=verb: _commands.arguments(verb),
                              description_loader=lambda verb=verb: verb.get("summary", ""))
            if wants_help:
                helps[name] = _commands.help_entry(verb)
        for group in {" ".join(v["name"].split()[:-1]) for v in table.get("verbs", []) if " " in v["name"]}:
            helps["azureml " + group] = "type: group\nshort-summary: The {} commands.\n".format(group)
        return self.command_table

    def load_arguments(self, command):
        pass  # every command's arguments come from its argument_loader


COMMAND_LOADER_CLS = AzureMLCommandsLoader
