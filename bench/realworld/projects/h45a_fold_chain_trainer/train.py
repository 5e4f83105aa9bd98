# source: https://github.com/ogchen/nanofold/pull/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, loader-loop
# bug-lines: 47, 50
# needs: torch, polars
# cpu: no written where torch was not installed; not run
import argparse
import configparser

import torch

from chain_dataset import ChainDataset
from model import InputEmbedding, StructureModule


def get_dataloaders(args, config):
    train_data, test_data = ChainDataset.construct_datasets(
        args.input,
        config.getfloat("General", "train_split"),
        config.getint("General", "residue_crop_size"),
    )
    batch_size = config.getint("General", "batch_size")
    return (torch.utils.data.DataLoader(train_data, batch_size=batch_size),
            torch.utils.data.DataLoader(test_data, batch_size=batch_size))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-i", "--input", required=True)
    args = parser.parse_args()
    config = configparser.ConfigParser()
    config.read(args.config)
    device = config.get("General", "device")

    input_embedder = InputEmbedding.from_config(config).to(device)
    model = StructureModule(config.getint("General", "single_dim"),
                            config.getint("General", "pair_dim")).to(device)
    params = list(input_embedder.parameters()) + list(model.parameters())
    optimizer = torch.optim.Adam(params, lr=config.getfloat("General", "learning_rate"))

    train_loader, _ = get_dataloaders(args, config)
    for step, batch in enumerate(train_loader):
        if step >= config.getint("General", "max_steps"):
            break
        pair = input_embedder(batch["target_feat"], batch["positions"])
        single = torch.zeros(*batch["positions"].shape, config.getint("General", "single_dim"),
                             device=device)
        _, loss = model(single, pair, batch["translations"])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 50 == 0:
            print(f"step {step} fape {loss.item():.3f}")


if __name__ == "__main__":
    main()
