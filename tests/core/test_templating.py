"""Templates compiled before the workers are forked."""

from portal.core.templating import compile_templates


def test_every_template_compiles_before_the_workers_start(app):
    # Emails and rare pages too: a template that does not compile fails here, not in front of someone.
    count = compile_templates(app)
    assert count > 200
    loaded = {name for name in app.jinja_env.list_templates() if name.endswith((".html", ".txt"))}
    cached = {key[1] for key in app.jinja_env.cache}
    assert loaded <= cached
