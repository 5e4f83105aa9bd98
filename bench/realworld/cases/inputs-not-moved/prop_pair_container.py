# source: https://github.com/schen149/sub-sentence-encoder/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: class, helper, batch-dict
# bug-lines: 51, 62, 63, 65, 66
# cpu: clean
# needs: torch
from dataclasses import dataclass
from typing import Dict, List, Tuple

import torch
import torch.nn as nn


@dataclass
class PropPairModelInput:
    encoder_inputs: Dict[str, torch.Tensor]
    all_prop_mask: torch.Tensor
    num_prop_per_sentence: torch.Tensor

    def to(self, device):
        self.encoder_inputs = {k: v.to(device) for k, v in self.encoder_inputs.items()}
        self.all_prop_mask = self.all_prop_mask.to(device)
        self.num_prop_per_sentence = self.num_prop_per_sentence.to(device)
        return self


def convert_example_to_inputs(sentence: str, spans: List[Tuple[int, int]], vocab: Dict[str, int], max_len=16):
    words = sentence.lower().split()[:max_len]
    ids = [vocab.setdefault(w, len(vocab)) for w in words] + [0] * (max_len - len(words))
    attention = [1] * len(words) + [0] * (max_len - len(words))
    masks = torch.zeros(len(spans), max_len)
    for j, (s, e) in enumerate(spans):
        masks[j, s:e] = 1.0
    return PropPairModelInput(
        encoder_inputs={"input_ids": torch.tensor([ids]), "attention_mask": torch.tensor([attention])},
        all_prop_mask=masks,
        num_prop_per_sentence=torch.tensor([len(spans)]),
    )


class SubSentenceEncoder(nn.Module):
    def __init__(self, vocab_size=1000, dim=32):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim)
        self.mix = nn.TransformerEncoderLayer(dim, nhead=4, dim_feedforward=64, batch_first=True)
        self.proj = nn.Linear(dim, dim)

    def forward(self, model_input: PropPairModelInput):
        enc = model_input.encoder_inputs
        hidden = self.embed(enc["input_ids"])
        hidden = self.mix(hidden, src_key_padding_mask=enc["attention_mask"] == 0)[0]
        mask = model_input.all_prop_mask
        pooled = mask @ hidden / mask.sum(dim=1, keepdim=True).clamp(min=1.0)
        return nn.functional.normalize(self.proj(pooled), dim=-1)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = SubSentenceEncoder().to(device).eval()
    vocab = {"<pad>": 0}
    sent1_inputs = convert_example_to_inputs("dracula is a novel by bram stoker", [(0, 1), (3, 7)], vocab)
    sent2_inputs = convert_example_to_inputs("bram stoker wrote the novel dracula", [(5, 6), (0, 2)], vocab)
    with torch.no_grad():
        sent1_embeddings = model(sent1_inputs)
        sent2_embeddings = model(sent2_inputs)
    print(sent1_embeddings @ sent2_embeddings.t())
