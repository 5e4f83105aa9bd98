# source: https://github.com/OFA-Sys/OFA/issues/200
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [1], output_device 1, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, helper
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Model factory for weakly supervised table QA fine-tuning."""
from transformers import TapasConfig, TapasForQuestionAnswering


def build_model(name="google/tapas-base", aggregation=True):
    config = TapasConfig.from_pretrained(name)
    if aggregation:
        config.num_aggregation_labels = 4
        config.use_answer_as_supervision = True
        config.cell_selection_preference = 0.207951
        config.answer_loss_cutoff = 0.664694
    return TapasForQuestionAnswering.from_pretrained(name, config=config)
