# source: https://github.com/huggingface/peft/issues/581
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 31
# cpu: clean
# needs: torch
import torch
from torch.utils.data import DataLoader, Dataset

from adalora import inject_adalora
from model import load_base_model


class ChatDataset(Dataset):
    def __init__(self, n=32, seq=16, vocab=100):
        self.ids = torch.randint(0, vocab, (n, seq))

    def __len__(self):
        return self.ids.size(0)

    def __getitem__(self, i):
        return {"input_ids": self.ids[i], "labels": self.ids[i].clone()}


def main():
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = load_base_model(device)
    for p in model.parameters():
        p.requires_grad_(False)
    model = inject_adalora(model, target_modules=("query_key_value",), r=6)
    model.train()
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-3)
    loader = DataLoader(ChatDataset(), batch_size=4, shuffle=True)
    for step, batch in enumerate(loader):
        batch = {k: v.to(device) for k, v in batch.items()}
        loss, _ = model(**batch)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        if step % 4 == 0:
            print(step, loss.item())


if __name__ == "__main__":
    main()
