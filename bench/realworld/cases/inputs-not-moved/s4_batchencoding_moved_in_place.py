# source: https://github.com/openlm-research/open_llama/issues/76
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: helper, batch-dict
# looks-like: inputs-not-moved
# cpu: clean
# needs: torch, transformers
import torch
from transformers import BatchEncoding, LlamaConfig, LlamaForCausalLM


def load_model(device):
    cfg = LlamaConfig(vocab_size=96, hidden_size=32, intermediate_size=64, num_hidden_layers=1,
                      num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=128)
    model = LlamaForCausalLM(cfg)
    model.to(device)
    model.eval()
    return model


def encode(prompt):
    ids = [min(max(ord(c) - 31, 0), 95) for c in prompt]
    return BatchEncoding({"input_ids": torch.tensor([ids]),
                          "attention_mask": torch.ones(1, len(ids), dtype=torch.long)})


def prepare_inputs(prompt, model):
    enc = encode(prompt)
    enc.to(model.device)  # BatchEncoding.to moves its tensors in place
    return enc


@torch.no_grad()
def answer(model, prompt, max_new_tokens=6):
    inputs = prepare_inputs(prompt, model)
    out = model.generate(**inputs, max_new_tokens=max_new_tokens, do_sample=False)
    prefix_ids = encode(prompt)["input_ids"].to(model.device)
    return out[:, prefix_ids.shape[1]:].tolist()


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    llm = load_model(device)
    print(answer(llm, "Q: What is the largest animal?\nA:"))
