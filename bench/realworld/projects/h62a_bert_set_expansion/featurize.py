# source: https://github.com/huggingface/transformers/issues/227
# error: RuntimeError: Expected object of backend CUDA but got backend CPU for argument #3 'index'
# pattern: inputs-not-moved
# shape: multi-file, helper, batch-dict, class
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch


def encode_with_mask(tokenizer, seed_terms, template="{} and [MASK] are similar things ."):
    """Builds one masked sentence per seed list and remembers where the mask sits."""
    text = template.format(" , ".join(seed_terms))
    tokens = ["[CLS]"] + tokenizer.tokenize(text) + ["[SEP]"]
    ids = tokenizer.convert_tokens_to_ids(tokens)
    return {
        "input_ids": torch.tensor([ids]),
        "token_type_ids": torch.zeros(1, len(ids), dtype=torch.long),
        "mask_pos": tokens.index("[MASK]"),
    }


def batch_features(tokenizer, seed_sets):
    feats = [encode_with_mask(tokenizer, seeds) for seeds in seed_sets]
    width = max(f["input_ids"].size(1) for f in feats)
    input_ids = torch.full((len(feats), width), tokenizer.pad_token_id, dtype=torch.long)
    attention = torch.zeros(len(feats), width, dtype=torch.long)
    for row, f in enumerate(feats):
        n = f["input_ids"].size(1)
        input_ids[row, :n] = f["input_ids"][0]
        attention[row, :n] = 1
    return {"input_ids": input_ids, "attention_mask": attention,
            "mask_pos": torch.tensor([f["mask_pos"] for f in feats])}
