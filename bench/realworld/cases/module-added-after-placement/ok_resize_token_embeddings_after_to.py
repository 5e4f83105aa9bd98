# source: https://github.com/huggingface/peft/issues/2787
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# shape: helper, batch-dict
# looks-like: module-added-after-placement
# cpu: clean
# needs: torch, transformers
import torch
from transformers import GPT2Config, GPT2LMHeadModel

SPECIAL_TOKENS = ["<|user|>", "<|assistant|>"]


def load_model(device):
    config = GPT2Config(vocab_size=128, n_positions=64, n_embd=32, n_layer=2, n_head=2)
    model = GPT2LMHeadModel(config)
    return model.to(device)


def add_special_tokens(model, num_new):
    # resize builds the new embedding and head on the device and dtype of the old ones
    model.resize_token_embeddings(model.config.vocab_size + num_new)
    return model


def make_batch(vocab_size, device):
    ids = torch.randint(0, vocab_size, (2, 16))
    batch = {"input_ids": ids, "attention_mask": torch.ones_like(ids), "labels": ids.clone()}
    return {k: v.to(device) for k, v in batch.items()}


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = load_model(device)
    model = add_special_tokens(model, len(SPECIAL_TOKENS))
    model.eval()
    batch = make_batch(model.config.vocab_size, device)
    with torch.no_grad():
        out = model(**batch)
    print(out.logits.shape, out.loss.item())
