# source: https://github.com/sdv-dev/SDV/issues/333
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class
# looks-like: torch-load-map-location
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Sample synthetic rows on a laptop from a generator checkpoint trained on a GPU node.

    python h54b_sample_synthetic.py checkpoints/census_ctgan.pt 5000 census_synthetic.csv
"""
import sys

import torch

from h54b_synthesizer import CTGANLite


def main():
    ckpt_path, n_rows, out_csv = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    device = torch.device("cpu") if "--cpu" in sys.argv else None
    synth = CTGANLite.load(ckpt_path, device=device)
    df = synth.sample(n_rows)
    df.round(4).to_csv(out_csv, index=False)
    print(f"wrote {len(df)} rows with columns {list(df.columns)} to {out_csv} (device={synth.device})")


if __name__ == "__main__":
    main()
