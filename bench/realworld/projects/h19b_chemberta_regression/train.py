# source: https://github.com/seyonechithrananda/bert-loves-chemistry/pull/15
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, multi-file, batch-dict
# needs: torch, transformers, pandas
# cpu: no written where torch was not installed; not run
import pandas as pd
import torch
from torch.utils.data import DataLoader, Dataset
from transformers import RobertaConfig, RobertaTokenizerFast

from model import RobertaForRegression

PRETRAINED = "seyonec/ChemBERTa-zinc-base-v1"


class SmilesDataset(Dataset):
    def __init__(self, frame, tokenizer, label_cols, max_len=128):
        self.enc = tokenizer(list(frame["smiles"]), truncation=True, padding="max_length", max_length=max_len)
        self.labels = torch.tensor(frame[label_cols].values, dtype=torch.float32)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        item = {k: torch.tensor(v[i]) for k, v in self.enc.items()}
        item["labels"] = self.labels[i]
        return item


def main(csv_path="delaney.csv", label_cols=("measured_log_solubility",), epochs=10):
    label_cols = list(label_cols)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    frame = pd.read_csv(csv_path)
    tokenizer = RobertaTokenizerFast.from_pretrained(PRETRAINED)
    config = RobertaConfig.from_pretrained(PRETRAINED, num_labels=len(label_cols))
    config.norm_mean = frame[label_cols].mean().tolist()
    config.norm_std = frame[label_cols].std().clip(lower=1.0e-8).tolist()
    model = RobertaForRegression.from_pretrained(PRETRAINED, config=config).to(device)
    loader = DataLoader(SmilesDataset(frame, tokenizer, label_cols), batch_size=16, shuffle=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
    model.train()
    for epoch in range(epochs):
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = model(**batch)["loss"]
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: mse {loss.item():.4f}")
    model.save_pretrained("chemberta-regression")


if __name__ == "__main__":
    main()
