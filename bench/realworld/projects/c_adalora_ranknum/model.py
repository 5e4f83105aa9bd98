# source: https://github.com/huggingface/peft/issues/581
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: multi-file, helper
# cpu: clean
# needs: torch
import torch
from torch import nn


class GLMBlock(nn.Module):
    def __init__(self, hidden, heads):
        super().__init__()
        self.heads = heads
        self.ln = nn.LayerNorm(hidden)
        self.query_key_value = nn.Linear(hidden, 3 * hidden)
        self.dense = nn.Linear(hidden, hidden)

    def forward(self, x):
        B, T, H = x.shape
        q, k, v = self.query_key_value(self.ln(x)).chunk(3, dim=-1)
        q, k, v = (t.view(B, T, self.heads, H // self.heads).transpose(1, 2) for t in (q, k, v))
        att = nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)
        return x + self.dense(att.transpose(1, 2).reshape(B, T, H))


class TinyGLM(nn.Module):
    def __init__(self, vocab=100, hidden=64, heads=4, layers=2):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab, hidden)
        self.layers = nn.ModuleList([GLMBlock(hidden, heads) for _ in range(layers)])
        self.lm_head = nn.Linear(hidden, vocab, bias=False)

    def forward(self, input_ids, labels=None):
        x = self.word_embeddings(input_ids)
        for layer in self.layers:
            x = layer(x)
        logits = self.lm_head(x)
        loss = None
        if labels is not None:
            loss = nn.functional.cross_entropy(logits[:, :-1].reshape(-1, logits.size(-1)),
                                               labels[:, 1:].reshape(-1))
        return loss, logits


def load_base_model(device):
    model = TinyGLM()
    model.eval()
    return model.to(device)
