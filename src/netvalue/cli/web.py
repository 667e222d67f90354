"""``netvalue serve``: the local web dashboard on 127.0.0.1, behind a token in the URL it prints."""

from __future__ import annotations

import socket
import sys
import webbrowser

import click

from netvalue.cli.app import db_path_of, main
from netvalue.errors import UsageError


@main.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    help="Port to listen on; 0 picks a free one.",
)
@click.option("--host", default="127.0.0.1", hidden=True)  # kept for old scripts: only 127.0.0.1 is allowed
@click.option("--no-browser", is_flag=True, help="Print the URL but do not open a browser.")
@click.option(
    "--max-upload-mb",
    type=click.IntRange(1),
    default=None,
    metavar="MB",
    help="The largest export the Import page takes, in MB (default 2048; larger: netvalue import PATH).",
)
@click.pass_context
def serve(ctx: click.Context, port: int, host: str, no_browser: bool, max_upload_mb: int | None) -> None:
    """Open the dashboard: the network, its value, the people, the map, requests and this week's plan.

    The dashboard listens on 127.0.0.1 only: it is for this machine, never the network.  The first line
    printed is the URL with its secret token (like Jupyter's); open it in a browser on this machine.  The
    browser netvalue opens gets a link that works once instead, since other users can read a program's
    command line.  Stop with Ctrl-C.

    \b
    Example:
      netvalue serve
      netvalue --db demo.db serve --port 8765 --no-browser
    """
    import uvicorn

    from netvalue.web import create_app
    from netvalue.web.limits import MB
    from netvalue.web.security import new_token

    if host != "127.0.0.1":
        raise UsageError("--host can only be 127.0.0.1: the dashboard is for this machine alone")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror}); try --port 0") from None
    try:
        bound = int(sock.getsockname()[1])
        token = new_token()
        limit = {} if max_upload_mb is None else {"max_upload_bytes": max_upload_mb * MB}
        app = create_app(db_path_of(ctx), token, port=bound, warm=True, **limit)
        url = f"http://{host}:{bound}/?token={token}"
        click.echo(url)
        sys.stdout.flush()
        click.echo("netvalue dashboard: open the link above; Ctrl-C stops it.", err=True)
        if not no_browser:
            webbrowser.open(f"http://{host}:{bound}/?once={app.state.one_time_links.issue()}")
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
        server = uvicorn.Server(config)
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn has shut down cleanly and passes Ctrl-C on
    finally:
        sock.close()
    click.echo("netvalue dashboard stopped.", err=True)
