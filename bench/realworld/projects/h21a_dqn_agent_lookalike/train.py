# source: https://github.com/DeepRLChinese/DeepRL-Chinese/issues/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: inputs-not-moved
# shape: multi-file, loader-loop
# looks-like: inputs-not-moved
# needs: torch, numpy, gym
# cpu: no written where torch was not installed; not run
import argparse
import random
from collections import deque

import gym
import torch

from agent import DQN


def train(args, env, agent):
    buffer = deque(maxlen=args.buffer_size)
    eps = args.eps_start
    for episode in range(args.episodes):
        state, episode_reward, done = env.reset(), 0.0, False
        while not done:
            action = agent.get_action(torch.as_tensor(state, dtype=torch.float32), eps)
            next_state, reward, done, _ = env.step(action)
            buffer.append((state, action, reward, float(done), next_state))
            state, episode_reward = next_state, episode_reward + reward
            if len(buffer) >= args.batch_size:
                batch = list(zip(*random.sample(buffer, args.batch_size)))
                agent.update(batch)
        eps = max(args.eps_end, eps * args.eps_decay)
        if episode % args.target_every == 0:
            agent.target_Q.load_state_dict(agent.Q.state_dict())
        print("episode", episode, "reward", episode_reward)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--env", default="CartPole-v0")
    parser.add_argument("--episodes", type=int, default=500)
    parser.add_argument("--batch_size", type=int, default=32)
    parser.add_argument("--buffer_size", type=int, default=10000)
    parser.add_argument("--eps_start", type=float, default=1.0)
    parser.add_argument("--eps_end", type=float, default=0.05)
    parser.add_argument("--eps_decay", type=float, default=0.99)
    parser.add_argument("--target_every", type=int, default=10)
    parser.add_argument("--do_train", action="store_true")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    env = gym.make(args.env)
    agent = DQN(env.observation_space.shape[0], env.action_space.n, device)
    if args.do_train:
        train(args, env, agent)


if __name__ == "__main__":
    main()
