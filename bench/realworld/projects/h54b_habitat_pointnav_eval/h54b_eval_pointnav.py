# source: https://github.com/facebookresearch/habitat-lab/issues/171
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, class
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np

from h54b_ppo_trainer import PPOEvaluator


class RandomPointNavEnvs:
    """Stand-in for habitat's VectorEnv, used to smoke-test checkpoints on a laptop."""

    def __init__(self, num_envs, hw=64, max_steps=50, seed=0):
        self.num_envs = num_envs
        self.hw = hw
        self.max_steps = max_steps
        self.rng = np.random.default_rng(seed)
        self.t = np.zeros(num_envs, dtype=int)

    def _obs(self):
        return [
            {
                "depth": self.rng.random((self.hw, self.hw, 1), dtype=np.float32),
                "pointgoal_with_gps_compass": self.rng.normal(size=2).astype(np.float32),
            }
            for _ in range(self.num_envs)
        ]

    def reset(self):
        self.t[:] = 0
        return self._obs()

    def step(self, actions):
        self.t += 1
        dones = [bool(t >= self.max_steps or a == 0) for t, a in zip(self.t, actions)]
        self.t[np.array(dones)] = 0
        infos = [{"spl": float(self.rng.random())} if d else {} for d in dones]
        return self._obs(), [0.0] * self.num_envs, dones, infos


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--gpu-id", type=int, default=0)
    parser.add_argument("--num-episodes", type=int, default=20)
    args = parser.parse_args()
    config = {"pth_gpu_id": args.gpu_id, "hidden_size": 256}
    evaluator = PPOEvaluator(config)
    evaluator.load_checkpoint(args.checkpoint)
    spl = evaluator.eval_episodes(RandomPointNavEnvs(num_envs=4), args.num_episodes)
    print(f"mean SPL over {args.num_episodes} episodes: {spl:.3f}")


if __name__ == "__main__":
    main()
