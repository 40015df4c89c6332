"""A faster, leaner Rasa server start: models loaded for answering only, spaCy loaded once.

1. The trained TensorFlow models (DIET, ResponseSelector, TED) are loaded for answering only.

Rasa 3.6.21 builds each model in ``RasaModel.load`` (rasa/utils/tensorflow/models.py) by
*training it on one example* (``model.fit``) and only then loading the saved weights.
That traces Keras' whole training graph — gradients and optimizer included — which the
server never uses: measured on this 2-core machine it was ~60 % of the ~90 s start-up
(py-spy), and it holds the training graph in memory for the server's whole life.

For a server that only answers (``finetune_mode`` false) we load instead with TensorFlow's
deferred restoration: ``load_weights`` first, then one prediction on Rasa's own example
batch creates the variables, and each variable receives its saved value when it is
created. The optimizer's slots in the checkpoint are not needed to answer, hence
``expect_partial``. ``assert_existing_objects_matched`` fails loudly if any variable the
model created did not get its saved value; then we fall back to Rasa's own load.

2. The model graph has two SpacyNLP nodes (NLU and the dialogue's end-to-end features) with
the same pipeline, and Rasa loads it from disk for each (~3 s each here): we load it once
per name and share it (it is only read).

tests/model/test_fast_start.py checks that the patched load gives the same predictions.

Installed by rasa_extensions.install() for every Rasa command; ``rasa train`` and
``rasa test`` load their models through the same patched ``RasaModel.load``, and
fine-tuning (``finetune_mode``) keeps Rasa's own load, which it needs.

What removes it: a Rasa release that loads models without a training step (the
``model.fit`` in ``RasaModel.load``; no such open-source 3.x release exists).
"""

from __future__ import annotations

import functools
import logging
from typing import Any, Optional

logger = logging.getLogger(__name__)

_installed = False
models_loaded_for_answering = 0  # read by tests/model: proof the patched load was used


def _load_for_inference(original_load):
    def load(
        cls,
        model_file_name: str,
        model_data_example,
        predict_data_example=None,
        finetune_mode: bool = False,
        *args: Any,
        **kwargs: Any,
    ):
        if finetune_mode or not predict_data_example:
            return original_load.__func__(
                cls, model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs
            )
        try:
            return _restore_without_training_graph(cls, model_file_name, predict_data_example, *args, **kwargs)
        except Exception:  # noqa: BLE001 - any doubt: Rasa's own, slower load
            logger.exception("Fast model load failed for %s; using Rasa's own load.", cls.__name__)
            return original_load.__func__(
                cls, model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs
            )

    return classmethod(load)


def _restore_without_training_graph(cls, model_file_name: str, predict_data_example, *args: Any, **kwargs: Any):
    import tensorflow as tf
    from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY

    model = cls(*args, **kwargs)
    config = kwargs.get("config", {})
    model.compile(
        optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)), run_eagerly=config.get(RUN_EAGERLY)
    )
    status = model.load_weights(model_file_name)
    # Creates every variable used for answering; each one is restored as it is created.
    model.run_inference(predict_data_example)
    status.assert_existing_objects_matched()
    status.expect_partial()
    global models_loaded_for_answering
    models_loaded_for_answering += 1
    return model


def install() -> Optional[bool]:
    """Patch Rasa's loading once; returns True when it was installed by this call."""
    global _installed
    if _installed:
        return None
    from rasa.nlu.utils.spacy_utils import SpacyNLP
    from rasa.utils.tensorflow.models import RasaModel

    RasaModel.load = _load_for_inference(RasaModel.load)
    SpacyNLP.load_model = staticmethod(functools.lru_cache(maxsize=None)(SpacyNLP.load_model))
    _installed = True
    logger.info("Models are loaded for answering only (rasa_extensions/fast_model_load.py).")
    return True
