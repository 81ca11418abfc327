"""The browser recipe itself: a real JupyterLab and Chromium open, run and restart a notebook."""

from tests.support import open_notebook, restart_kernel, run_all, write_notebook


def test_open_run_restart_notebook(lab_server, page, tmp_path):
    root = tmp_path / "root"
    write_notebook(
        root / "hello.ipynb",
        [("markdown", "# 你好"), "print('recipe-' + str(6 * 7))", "x = 1"],
    )
    server = lab_server(root)
    open_notebook(page, server, "hello.ipynb")

    counts = run_all(page)

    assert counts == [1, 2]
    assert page.locator(".jp-OutputArea-output", has_text="recipe-42").count() == 1
    restart_kernel(page)
    counts = run_all(page)
    assert counts == [1, 2]  # a new kernel counts from 1 again


def test_open_notebook_in_subfolder_by_url_and_token(lab_server, page, tmp_path):
    write_notebook(tmp_path / "sub" / "inner.ipynb", ["print('inner-' + 'ok')"])
    server = lab_server(tmp_path)
    open_notebook(page, server.url, server.token, "sub/inner.ipynb")
    run_all(page)
    assert page.get_by_text("inner-ok").count() == 1
