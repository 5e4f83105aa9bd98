# source: https://github.com/hirofumi0810/neural_sp/pull/329
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop, batch-dict
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
"""Resume-able multi-GPU CTC training."""
import torch
from torch.utils.data import DataLoader, Dataset

from model import BLSTMCTC
from resume import latest_checkpoint, load_model_weights, restore_optimizer, save


class FakeSpeech(Dataset):
    def __len__(self):
        return 256

    def __getitem__(self, i):
        return {"feats": torch.randn(400, 80), "feat_len": 400, "ys": torch.randint(1, 500, (40,)), "y_len": 40}


def main(save_dir="exp/blstm_ctc", n_epochs=20):
    device = torch.device("cuda:0")
    model = BLSTMCTC()
    ckpt_path = latest_checkpoint(save_dir)
    ckpt = load_model_weights(model, ckpt_path) if ckpt_path else None

    model = torch.nn.DataParallel(model.to(device), device_ids=list(range(torch.cuda.device_count())))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    start_epoch = restore_optimizer(optimizer, ckpt) if ckpt else 0

    loader = DataLoader(FakeSpeech(), batch_size=32, shuffle=True)
    for epoch in range(start_epoch, n_epochs):
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = model(batch["feats"], batch["feat_len"], batch["ys"], batch["y_len"]).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        save(model, optimizer, epoch, save_dir)
        print(epoch, loss.item())


if __name__ == "__main__":
    main()
