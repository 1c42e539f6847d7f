import pytest

from .smtp_sink import Sink


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on 127.0.0.1; Django's SMTP backend sends to it."""
    sink = Sink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.NEWSLETTER_RATE_PER_SECOND = 0
    yield sink
    sink.stop()
