# source: https://github.com/seyonechithrananda/bert-loves-chemistry/issues/57
# error: RuntimeError: Found dtype Double but expected Float
# pattern: loss-target-dtype
# shape: helper, batch-dict, loader-loop
# bug-lines: 29, 37
# needs: torch, transformers, pandas
# cpu: no written where torch was not installed; not run
"""Fine-tune a ChemBERTa checkpoint to regress ESOL (delaney) log-solubility from SMILES."""
import pandas as pd
import torch
from torch.utils.data import DataLoader, Dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer

CHECKPOINT = "seyonec/ChemBERTa-zinc-base-v1"
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class SmilesRegressionSet(Dataset):
    def __init__(self, csv_path, tokenizer, target_col="measured log solubility in mols per litre"):
        frame = pd.read_csv(csv_path)
        self.encodings = tokenizer(list(frame["smiles"]), truncation=True, padding="max_length", max_length=128)
        self.targets = frame[target_col].values

    def __len__(self):
        return len(self.targets)

    def __getitem__(self, idx):
        item = {k: torch.tensor(v[idx]) for k, v in self.encodings.items()}
        item["labels"] = torch.tensor(self.targets[idx])
        return item


def regression_step(model, batch, loss_fn):
    batch = {k: v.to(device) for k, v in batch.items()}
    labels = batch.pop("labels")
    preds = model(**batch).logits.squeeze(-1)
    return loss_fn(preds, labels)


def main():
    tokenizer = AutoTokenizer.from_pretrained(CHECKPOINT)
    model = AutoModelForSequenceClassification.from_pretrained(CHECKPOINT, num_labels=1).to(device)
    train_set = SmilesRegressionSet("data/delaney-processed.csv", tokenizer)
    loader = DataLoader(train_set, batch_size=16, shuffle=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
    loss_fn = torch.nn.MSELoss()

    model.train()
    for epoch in range(10):
        running = 0.0
        for batch in loader:
            optimizer.zero_grad()
            loss = regression_step(model, batch, loss_fn)
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch}: mse {running / len(loader):.4f}")


if __name__ == "__main__":
    main()
