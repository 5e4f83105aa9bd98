# source: https://github.com/huggingface/transformers/issues/9229
# error: RuntimeError: Input, output and indices must be on the current device
# pattern: discarded-tensor-move
# shape: helper
# bug-lines: 33, 34, 35
# cpu: clean
# needs: torch, transformers
import torch
from transformers import GPT2Config, GPT2LMHeadModel

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
SPECIAL = {"[spanstarts]": 126, "[spanends]": 127}


def encode(text):
    ids = []
    for word in text.split():
        ids.append(SPECIAL.get(word, sum(map(ord, word)) % 120 + 1))
    return torch.tensor([ids], dtype=torch.long)


def build_model():
    cfg = GPT2Config(vocab_size=128, n_positions=160, n_embd=32, n_layer=2, n_head=2,
                     pad_token_id=0, eos_token_id=0)
    model = GPT2LMHeadModel(cfg)
    model.resize_token_embeddings(128)
    model.to(device)
    return model


def sample_span(model, prompt, max_length=40):
    input_ids = encode(prompt)
    input_ids.to(device)
    sample_output = model.generate(
        input_ids,
        do_sample=True,
        max_length=max_length,
        top_k=50,
        top_p=0.92,
    )
    return sample_output[0].tolist()


if __name__ == "__main__":
    torch.manual_seed(0)
    gpt = build_model().eval()
    print(sample_span(gpt, "the report says [spanstarts] revenue grew [spanends] in"))
