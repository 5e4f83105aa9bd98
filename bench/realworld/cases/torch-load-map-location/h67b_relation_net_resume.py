# source: https://github.com/floodsung/LearningToCompare_FSL/issues/33
# error: RuntimeError: Attempting to deserialize object on CUDA device 1 but torch.cuda.device_count() is 1. Please use torch.load with map_location to map your storages to an existing device.
# pattern: torch-load-map-location
# shape: helper
# bug-lines: 50, 52
# needs: torch
# cpu: no written where torch was not installed; not run
"""Resume N-way K-shot relation-network meta-training from the released checkpoints."""
import argparse
import os

import torch
import torch.nn as nn


def conv_block(cin, cout, pool=True):
    layers = [nn.Conv2d(cin, cout, 3, padding=0 if pool else 1),
              nn.BatchNorm2d(cout, momentum=1, affine=True), nn.ReLU()]
    if pool:
        layers.append(nn.MaxPool2d(2))
    return nn.Sequential(*layers)


class CNNEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(conv_block(3, 64), conv_block(64, 64),
                                    conv_block(64, 64, False), conv_block(64, 64, False))

    def forward(self, x):
        return self.layers(x)


class RelationNetwork(nn.Module):
    def __init__(self, hidden=8):
        super().__init__()
        self.layers = nn.Sequential(conv_block(128, 64), conv_block(64, 64))
        self.fc = nn.Sequential(nn.Flatten(), nn.Linear(64 * 3 * 3, hidden), nn.ReLU(),
                                nn.Linear(hidden, 1), nn.Sigmoid())

    def forward(self, pairs):
        return self.fc(self.layers(pairs))


def restore(encoder, relation, ckpt_dir, way, shot):
    tag = f"{way}way_{shot}shot.pkl"
    enc_path = os.path.join(ckpt_dir, "miniimagenet_feature_encoder_" + tag)
    rel_path = os.path.join(ckpt_dir, "miniimagenet_relation_network_" + tag)
    if os.path.exists(enc_path):
        encoder.load_state_dict(torch.load(enc_path))
    if os.path.exists(rel_path):
        relation.load_state_dict(torch.load(rel_path))
        print("loaded relation network from", rel_path)
    return encoder, relation


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt_dir", default="./models")
    parser.add_argument("-w", "--way", type=int, default=5)
    parser.add_argument("-s", "--shot", type=int, default=1)
    parser.add_argument("--lr", type=float, default=1e-3)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    encoder, relation = restore(CNNEncoder(), RelationNetwork(), args.ckpt_dir, args.way, args.shot)
    encoder.to(device)
    relation.to(device)
    enc_optim = torch.optim.Adam(encoder.parameters(), lr=args.lr)
    rel_optim = torch.optim.Adam(relation.parameters(), lr=args.lr)
    print("resumed meta-training on", device, enc_optim, rel_optim)


if __name__ == "__main__":
    main()
