# source: https://github.com/EleutherAI/oslo/issues/49
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, helper
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""GPT-2 response generator with speaker tokens for persona dialogue."""
from transformers import GPT2Config, GPT2LMHeadModel, GPT2TokenizerFast

SPECIAL_TOKENS = {
    "bos_token": "<bos>",
    "eos_token": "<eos>",
    "pad_token": "<pad>",
    "additional_special_tokens": ["<speaker1>", "<speaker2>", "<persona>"],
}


def build_tokenizer(name="gpt2"):
    tokenizer = GPT2TokenizerFast.from_pretrained(name)
    tokenizer.add_special_tokens(SPECIAL_TOKENS)
    return tokenizer


def build_dialog_model(name, tokenizer, from_scratch=False):
    if from_scratch:
        config = GPT2Config.from_pretrained(name)
        model = GPT2LMHeadModel(config)
    else:
        model = GPT2LMHeadModel.from_pretrained(name)
    model.resize_token_embeddings(len(tokenizer))
    model.config.pad_token_id = tokenizer.pad_token_id
    return model


def count_trainable(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
