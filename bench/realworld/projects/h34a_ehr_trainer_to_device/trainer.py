# source: https://github.com/mikkelfo/CORE-BEHRT/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: discarded-tensor-move
# shape: multi-file, class, batch-dict, loader-loop
# bug-lines: 36, 37
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader


class EHRTrainer:
    def __init__(self, model, train_dataset, val_dataset=None, batch_size=32, lr=1e-4, device=None):
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.model = model.to(self.device)
        self.train_dataset = train_dataset
        self.val_dataset = val_dataset
        self.batch_size = batch_size
        self.optimizer = torch.optim.AdamW(self.model.parameters(), lr=lr)

    def to_device(self, batch: dict) -> dict:
        return {key: value.to(self.device) for key, value in batch.items()}

    def forward_pass(self, batch: dict):
        return self.model(
            concept=batch["concept"], age=batch["age"], segment=batch["segment"],
            attention_mask=batch["attention_mask"], target=batch.get("target"),
        )

    def train(self, epochs=10):
        loader = DataLoader(self.train_dataset, batch_size=self.batch_size, shuffle=True)
        for epoch in range(epochs):
            self.model.train()
            epoch_loss = 0.0
            for step, batch in enumerate(loader):
                self.to_device(batch)
                _, loss = self.forward_pass(batch)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
                epoch_loss += loss.item()
            print(f"epoch {epoch}: mlm loss {epoch_loss / (step + 1):.4f}")
