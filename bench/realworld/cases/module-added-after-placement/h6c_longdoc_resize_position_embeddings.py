# source: https://github.com/huggingface/transformers/pull/13593
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: module-added-after-placement
# shape: class, batch-dict, loader-loop
# bug-lines: 39, 44, 74
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
from dataclasses import dataclass

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from transformers import AutoTokenizer


@dataclass
class EncoderConfig:
    vocab_size: int = 30522
    d_model: int = 512
    n_layers: int = 6
    n_heads: int = 8
    max_position_embeddings: int = 512
    num_labels: int = 4


class DocEncoder(nn.Module):
    def __init__(self, config: EncoderConfig):
        super().__init__()
        self.config = config
        self.embed_tokens = nn.Embedding(config.vocab_size, config.d_model, padding_idx=0)
        self.embed_positions = nn.Embedding(config.max_position_embeddings, config.d_model)
        layer = nn.TransformerEncoderLayer(config.d_model, config.n_heads, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, config.n_layers)
        self.classifier = nn.Linear(config.d_model, config.num_labels)

    def resize_position_embeddings(self, new_num_positions: int):
        old = self.embed_positions
        n = min(old.num_embeddings, new_num_positions)
        new_embed = nn.Embedding(new_num_positions, self.config.d_model)
        with torch.no_grad():
            new_embed.weight[:n] = old.weight[:n]
            for i in range(n, new_num_positions):  # tile the learned table for the new slots
                new_embed.weight[i] = old.weight[i % old.num_embeddings]
        self.embed_positions = new_embed
        self.config.max_position_embeddings = new_num_positions

    def forward(self, input_ids, attention_mask):
        positions = torch.arange(input_ids.size(1), device=input_ids.device).unsqueeze(0)
        h = self.embed_tokens(input_ids) + self.embed_positions(positions)
        h = self.encoder(h, src_key_padding_mask=attention_mask == 0)
        return self.classifier(h[:, 0])


def train(model, loader, device, epochs=2):
    optim = torch.optim.AdamW(model.parameters(), lr=3e-5)
    for _ in range(epochs):
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            logits = model(batch["input_ids"], batch["attention_mask"])
            loss = nn.functional.cross_entropy(logits, batch["labels"])
            optim.zero_grad()
            loss.backward()
            optim.step()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tok = AutoTokenizer.from_pretrained("bert-base-uncased")
    model = DocEncoder(EncoderConfig())
    model.load_state_dict(torch.load("doc_encoder_512.pt", map_location="cpu"))
    model.to(device)
    max_len = 2048
    if max_len > model.config.max_position_embeddings:
        model.resize_position_embeddings(max_len)

    texts, labels = ["a very long filing ..."] * 64, [0, 1, 2, 3] * 16
    enc = tok(texts, truncation=True, max_length=max_len, padding="max_length", return_tensors="pt")
    rows = [{"input_ids": enc["input_ids"][i], "attention_mask": enc["attention_mask"][i],
             "labels": torch.tensor(labels[i])} for i in range(len(texts))]
    train(model, DataLoader(rows, batch_size=4, shuffle=True), device)
