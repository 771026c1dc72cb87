"""The sentence encoder: offline, loaded once per process, one vector per text across languages."""

import socket
import threading
import time

import numpy as np
import pytest

from similarity import encoder


@pytest.fixture
def fresh_encoder(monkeypatch):
    """The process as if the encoder had never been loaded (the loaded one comes back afterwards)."""
    monkeypatch.setattr(encoder, "_model", None)


def test_each_text_becomes_a_vector_of_length_one():
    vectors = encoder.encode(["Patents for universities.", "البراءات في الجامعات."])
    assert vectors.shape == (2, encoder.DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)


def test_no_text_gives_an_empty_matrix_of_the_right_width():
    assert encoder.encode([]).shape == (0, encoder.DIMENSIONS)


def test_an_empty_text_gives_zeros_so_it_is_close_to_nothing():
    vectors = encoder.encode(["", "   ", "Copyright in the music industry."])
    assert not vectors[:2].any()
    assert vectors[2].any()


def test_the_same_subject_in_french_and_arabic_is_closer_than_another_subject_in_french():
    french, arabic, other = encoder.encode(
        [
            "Les brevets et les licences pour les universités.",
            "البراءات والترخيص في الجامعات.",
            "Le droit d'auteur dans l'industrie de la musique.",
        ]
    )
    assert french @ arabic > french @ other


def test_the_model_loads_from_the_installed_package_without_the_network(fresh_encoder, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the encoder tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert encoder.encode(["Geographical indications for coffee."]).shape == (1, encoder.DIMENSIONS)


def test_the_model_loads_once_however_many_threads_ask_at_once(fresh_encoder, monkeypatch):
    loads = []

    class SlowModel:
        def encode(self, texts):
            return np.ones((len(texts), encoder.DIMENSIONS), dtype=np.float32)

    def slow_load():
        loads.append(1)
        time.sleep(0.05)  # long enough for the other threads to arrive while it loads
        return SlowModel()

    monkeypatch.setattr(encoder, "_load", slow_load)
    threads = [threading.Thread(target=encoder.encode, args=(["text"],)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    encoder.encode(["later"])
    assert len(loads) == 1
